"""Closes a program's top-level window as a window manager does when the user clicks its
close button: a WM_DELETE_WINDOW client message (ICCCM 4.2.8.1), not a kill.

Usage: close_window.py PID   (the window whose _NET_WM_PID is PID)
"""
import sys

from Xlib import X, display, protocol


def windows(w):
    yield w
    for child in w.query_tree().children:
        yield from windows(child)


def main(pid):
    d = display.Display()
    wm_protocols = d.intern_atom("WM_PROTOCOLS")
    wm_delete = d.intern_atom("WM_DELETE_WINDOW")
    net_wm_pid = d.intern_atom("_NET_WM_PID")
    for w in windows(d.screen().root):
        owner = w.get_full_property(net_wm_pid, X.AnyPropertyType)
        if owner is None or owner.value[0] != pid:
            continue
        if wm_delete not in (w.get_wm_protocols() or []):
            continue
        # GDK's hidden leader window carries the same pid: only the shown window counts.
        if w.get_attributes().map_state != X.IsViewable:
            continue
        event = protocol.event.ClientMessage(
            window=w, client_type=wm_protocols, data=(32, [wm_delete, X.CurrentTime, 0, 0, 0])
        )
        w.send_event(event)
        d.flush()
        print("closed", hex(w.id))
        return 0
    print(f"no window of process {pid} takes WM_DELETE_WINDOW", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))

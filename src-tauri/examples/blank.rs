//! A blank Tauri window, built like the app (same crate, same Tauri, same release
//! settings): the floor against which `make bench-start` measures Amparo's cold start.

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(
                app,
                "main",
                tauri::WebviewUrl::External("about:blank".parse().expect("a URL")),
            )
            .title("blank")
            .inner_size(1280.0, 800.0)
            .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("a blank window");
}

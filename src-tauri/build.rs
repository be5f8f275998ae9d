// Declares the app's own commands so that each must be granted in capabilities/:
// nothing the front-end may call is implicit.
fn main() {
    let commands: &'static [&'static str] = Box::leak(
        include_str!("commands.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build");
}

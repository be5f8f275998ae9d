//! "Is this person already here?" against a real vault and through the command line.

mod common;

use amparo::model::ClientInput;
use amparo::store::similar::SimilarQuery;
use common::*;

fn person(given: &str, family: &str) -> ClientInput {
    ClientInput { given_name: given.into(), family_name: family.into(), ..Default::default() }
}

#[tokio::test]
async fn finds_the_same_person_however_the_name_was_typed() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let maria = s
        .add_client(&ClientInput {
            date_of_birth: Some("1990-02-03".into()), ..person("María José", "Ramírez Pérez")
        })
        .await
        .unwrap();
    let yesenia = s.add_client(&person("Llesenia", "González")).await.unwrap();
    let pedro = s.add_client(&person("Pedro", "López")).await.unwrap();
    let ana = s
        .add_client(&ClientInput { other_names: vec!["Ana María Ramires".into()], ..person("Ana", "Quispe") })
        .await
        .unwrap();
    let numbered =
        s.add_client(&ClientInput { a_number: Some("A201555019".into()), ..person("Tesfay", "Haile") }).await.unwrap();
    let gone = s.add_client(&person("Maria", "Ramirez")).await.unwrap();
    s.delete_client(gone.id).await.unwrap();

    let ask = |name: &str| SimilarQuery { name: name.into(), ..Default::default() };
    let found = s.similar_clients(&ask("Maria Ramirez"), 10).await.unwrap();
    assert_eq!(found[0].client_id, maria.id, "{found:?}");
    assert!(found[0].score >= 90);
    assert_eq!(found[0].reasons[0].en, "Same name");
    assert_eq!(found[0].reasons[0].es, "Mismo nombre");
    assert!(found.iter().all(|c| c.client_id != gone.id), "a deleted client is not offered");
    assert!(found.iter().all(|c| c.client_id != pedro.id));
    // Through other names, sound-alike spelling.
    assert!(found.iter().any(|c| c.client_id == ana.id && c.reasons[0].en.contains("other names")), "{found:?}");

    let found = s.similar_clients(&ask("Yesenia Gonsales"), 10).await.unwrap();
    assert_eq!(found.first().map(|c| c.client_id), Some(yesenia.id), "{found:?}");
    assert_eq!(found[0].reasons[0].en, "Similar name");

    let by_dob =
        SimilarQuery { name: "M. Ramírez".into(), date_of_birth: Some("1990-02-03".into()), ..Default::default() };
    let found = s.similar_clients(&by_dob, 10).await.unwrap();
    assert_eq!(found[0].client_id, maria.id);
    assert!(found[0].reasons.iter().any(|r| r.en == "Same date of birth"));

    let by_a = SimilarQuery { a_number: Some("201-555-019".into()), ..Default::default() };
    let found = s.similar_clients(&by_a, 10).await.unwrap();
    assert_eq!((found[0].client_id, found[0].score), (numbered.id, 100));

    assert!(s.similar_clients(&ask("Zhang Wei"), 10).await.unwrap().is_empty());
    let bad = SimilarQuery { date_of_birth: Some("1990-02-31".into()), ..Default::default() };
    assert_eq!(s.similar_clients(&bad, 10).await.unwrap_err().code(), "invalid_input");

    v.lock().await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(["clients", "similar", "ramirez maria", "--json"])
        .env("AMPARO_VAULT", &path)
        .env("AMPARO_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["client_id"], maria.id);
    assert_eq!(json[0]["reasons"][0]["es"], "Mismo nombre");
}

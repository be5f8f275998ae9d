//! The closed sets' names in Spanish, for what the core writes itself (calendars,
//! reports). The app shows the same names from `ui/src/lib/labels.ts`; a test there and
//! one here keep every value named.

use super::{Attendance, DetentionStatus, Forum, HearingKind, MatterKind, Outcome};
use crate::text::Text;

pub fn matter_kind(k: MatterKind) -> Text {
    let es = match k {
        MatterKind::AffirmativeAsylum => "Asilo afirmativo",
        MatterKind::DefensiveAsylum => "Asilo defensivo",
        MatterKind::WithholdingOfRemoval => "Suspensión de remoción",
        MatterKind::Cat => "Protección CAT (suspensión o aplazamiento)",
        MatterKind::CredibleFearReview => "Revisión de miedo creíble",
        MatterKind::ReasonableFearReview => "Revisión de miedo razonable",
        MatterKind::Bond => "Fianza",
        MatterKind::BiaAppeal => "Apelación ante la BIA",
        MatterKind::PetitionForReview => "Petición de revisión",
        MatterKind::EadC8 => "Permiso de trabajo (EAD) (c)(8)",
        MatterKind::Other => "Otro",
    };
    Text::new(k.label(), es)
}

pub fn forum(f: Forum) -> Text {
    let es = match f {
        Forum::UscisAsylumOffice => "Oficina de asilo de USCIS",
        Forum::Uscis => "USCIS (otra oficina)",
        Forum::ImmigrationCourt => "Corte de inmigración",
        Forum::Bia => "Junta de Apelaciones de Inmigración (BIA)",
        Forum::CircuitCourt => "Corte federal de apelaciones",
    };
    Text::new(f.label(), es)
}

pub fn outcome(o: Outcome) -> Text {
    let es = match o {
        Outcome::Granted => "Concedido",
        Outcome::Denied => "Denegado",
        Outcome::Withdrawn => "Retirado",
        Outcome::Dismissed => "Desestimado",
        Outcome::Terminated => "Terminado",
        Outcome::AdministrativelyClosed => "Cerrado administrativamente",
        Outcome::Referred => "Remitido a la corte de inmigración",
        Outcome::Remanded => "Devuelto (remand)",
        Outcome::Other => "Otro",
    };
    Text::new(o.label(), es)
}

pub fn hearing_kind(k: HearingKind) -> Text {
    let es = match k {
        HearingKind::MasterCalendar => "Audiencia preliminar (master calendar)",
        HearingKind::Individual => "Audiencia individual (de fondo)",
        HearingKind::Bond => "Audiencia de fianza",
        HearingKind::CredibleFearReview => "Revisión de miedo creíble",
        HearingKind::ReasonableFearReview => "Revisión de miedo razonable",
        HearingKind::AsylumInterview => "Entrevista en la oficina de asilo",
        HearingKind::Other => "Otra",
    };
    Text::new(k.label(), es)
}

pub fn appointment_kind(k: super::AppointmentKind) -> Text {
    use super::AppointmentKind as K;
    let es = match k {
        K::IceCheckIn => "Presentación ante ICE (check-in)",
        K::IsapCheckIn => "Presentación ante ISAP (alternativas a la detención)",
        K::Biometrics => "Datos biométricos (huellas y foto)",
        K::AsylumInterview => "Entrevista en la oficina de asilo",
        K::UscisInterview => "Entrevista en USCIS",
        K::Other => "Otra cita",
    };
    Text::new(k.label(), es)
}

pub fn representation(r: super::Representation) -> Text {
    use super::Representation as R;
    let es = match r {
        R::Full => "Representación completa (EOIR-28 o G-28)",
        R::Limited => "Limitada: ayuda con documentos (EOIR-61)",
        R::ProSeHelp => "Ayuda a una persona sin abogado (pro se)",
    };
    Text::new(r.label(), es)
}

pub fn attendance(a: Attendance) -> Text {
    let es = match a {
        Attendance::InPerson => "En persona",
        Attendance::Video => "Por video (WebEx)",
        Attendance::Telephonic => "Por teléfono",
    };
    Text::new(a.label(), es)
}

pub fn detention(d: DetentionStatus) -> Text {
    let es = match d {
        DetentionStatus::NotDetained => "No detenido/a",
        DetentionStatus::Detained => "Detenido/a",
        DetentionStatus::Released => "Liberado/a de la detención",
    };
    Text::new(d.label(), es)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_a_spanish_name_of_its_own() {
        for k in MatterKind::ALL {
            assert_ne!(matter_kind(*k).es, matter_kind(*k).en);
        }
        for o in Outcome::ALL {
            assert!(!outcome(*o).es.is_empty());
        }
        assert_eq!(hearing_kind(HearingKind::Bond).es, "Audiencia de fianza");
    }
}

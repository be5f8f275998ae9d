//! Countries by name, in English and Spanish, so that a spreadsheet cell or a typed value
//! ("Guatemala", "Haití", "Rep. Dominicana", "DR Congo", "Costa de Marfil") becomes the ISO 3166-1
//! alpha-2 code Amparo stores (`CountryCode`). The table covers every code `CountryCode` accepts.
//!
//! Where the names come from:
//! - `en` and `es` are the everyday names, for display. The Spanish follows the forms the Real Academia
//!   Española recommends (Ortografía, 2010), which is what people write: "Catar", "Malaui", "Esuatini".
//! - `also` holds first the official forms: the ISO 3166-1 English short names as published by the ISO
//!   3166 Maintenance Agency ("Bolivia (Plurinational State of)", "Congo (the Democratic Republic of the)")
//!   and the UN M49 Spanish names ("Irán (República Islámica del)", "República Unida de Tanzanía"), taken
//!   from the copy of both lists in OCHA's Countries & Territories Taxonomy (github.com/OCHA-DAP/
//!   hdx-python-country, `src/hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv`,
//!   commit b40de354, read 2026-12-06), not from the ISO and UN pages themselves. Then come the other
//!   names people write in either language: long forms, old names ("Burma", "Swaziland", "Zaire",
//!   "Czech Republic"), and abbreviations ("USA", "UK", "DRC", "RDC"). Demonyms ("Guatemalan") are left
//!   out on purpose, and so are names that would point at two countries ("Korea", "Virgin Islands").
//! - XK (Kosovo) is not assigned by ISO, but USCIS and EOIR use it, so `CountryCode` accepts it.
//!
//! A name spelled the ISO or UN way that differs from another entry only in spaces, accents or
//! punctuation ("Viet Nam", "Côte d’Ivoire") is not listed twice: the folding below already makes the
//! two meet.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// One country or territory: its code and the names it goes by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: &'static str,
    /// The everyday English name, for display.
    pub en: &'static str,
    /// The everyday Spanish name, for display.
    pub es: &'static str,
    /// Other names people write, in either language, that also mean this country.
    pub also: &'static [&'static str],
}

impl Country {
    /// Every name of the country: `en`, then `es`, then `also`.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        let also: &'static [&'static str] = self.also;
        [self.en, self.es].into_iter().chain(also.iter().copied())
    }

    /// The display name in the user's language.
    pub fn name(&self, spanish: bool) -> &'static str {
        if spanish {
            self.es
        } else {
            self.en
        }
    }
}

/// Every country and territory whose code Amparo accepts, in code order.
pub const COUNTRIES: &[Country] = &[
    Country { code: "AD", en: "Andorra", es: "Andorra", also: &["Principality of Andorra", "Principado de Andorra"] },
    Country {
        code: "AE",
        en: "United Arab Emirates",
        es: "Emiratos Árabes Unidos",
        also: &["United Arab Emirates (the)", "UAE", "EAU", "Emirates", "Emiratos"],
    },
    Country {
        code: "AF",
        en: "Afghanistan",
        es: "Afganistán",
        also: &["Islamic Republic of Afghanistan", "República Islámica de Afganistán"],
    },
    Country { code: "AG", en: "Antigua and Barbuda", es: "Antigua y Barbuda", also: &["Antigua & Barbuda"] },
    Country { code: "AI", en: "Anguilla", es: "Anguila", also: &[] },
    Country { code: "AL", en: "Albania", es: "Albania", also: &["Republic of Albania", "República de Albania"] },
    Country { code: "AM", en: "Armenia", es: "Armenia", also: &["Republic of Armenia", "República de Armenia"] },
    Country { code: "AO", en: "Angola", es: "Angola", also: &["Republic of Angola", "República de Angola"] },
    Country { code: "AQ", en: "Antarctica", es: "Antártida", also: &["Antártica"] },
    Country { code: "AR", en: "Argentina", es: "Argentina", also: &["Argentine Republic", "República Argentina"] },
    Country { code: "AS", en: "American Samoa", es: "Samoa Americana", also: &["Samoa Estadounidense"] },
    Country { code: "AT", en: "Austria", es: "Austria", also: &["Republic of Austria", "República de Austria"] },
    Country {
        code: "AU",
        en: "Australia",
        es: "Australia",
        also: &["Commonwealth of Australia", "Mancomunidad de Australia"],
    },
    Country { code: "AW", en: "Aruba", es: "Aruba", also: &[] },
    Country { code: "AX", en: "Åland Islands", es: "Islas Åland", also: &["Åland"] },
    Country {
        code: "AZ",
        en: "Azerbaijan",
        es: "Azerbaiyán",
        also: &["Republic of Azerbaijan", "República de Azerbaiyán"],
    },
    Country {
        code: "BA",
        en: "Bosnia and Herzegovina",
        es: "Bosnia y Herzegovina",
        also: &["Bosnia", "Bosnia-Herzegovina", "BiH", "Bosnia y Hercegovina"],
    },
    Country { code: "BB", en: "Barbados", es: "Barbados", also: &[] },
    Country {
        code: "BD",
        en: "Bangladesh",
        es: "Bangladés",
        also: &["People's Republic of Bangladesh", "República Popular de Bangladés"],
    },
    Country { code: "BE", en: "Belgium", es: "Bélgica", also: &["Kingdom of Belgium", "Reino de Bélgica"] },
    Country { code: "BF", en: "Burkina Faso", es: "Burkina Faso", also: &["Upper Volta", "Alto Volta"] },
    Country { code: "BG", en: "Bulgaria", es: "Bulgaria", also: &["Republic of Bulgaria", "República de Bulgaria"] },
    Country { code: "BH", en: "Bahrain", es: "Baréin", also: &["Kingdom of Bahrain", "Bahrein", "Reino de Baréin"] },
    Country { code: "BI", en: "Burundi", es: "Burundi", also: &["Republic of Burundi", "República de Burundi"] },
    Country { code: "BJ", en: "Benin", es: "Benín", also: &["Republic of Benin", "República de Benín", "Dahomey"] },
    Country {
        code: "BL",
        en: "Saint Barthélemy",
        es: "San Bartolomé",
        also: &["San Barthélemy", "St. Barthélemy", "Saint Barts", "St. Barts"],
    },
    Country { code: "BM", en: "Bermuda", es: "Bermudas", also: &[] },
    Country { code: "BN", en: "Brunei", es: "Brunéi", also: &["Brunei Darussalam"] },
    Country {
        code: "BO",
        en: "Bolivia",
        es: "Bolivia",
        also: &[
            "Bolivia (Plurinational State of)",
            "Plurinational State of Bolivia",
            "Bolivia (Estado Plurinacional de)",
            "Estado Plurinacional de Bolivia",
        ],
    },
    Country {
        code: "BQ",
        en: "Caribbean Netherlands",
        es: "Caribe Neerlandés",
        also: &[
            "Bonaire, Sint Eustatius and Saba",
            "Bonaire, San Eustaquio y Saba",
            "Bonaire",
            "Sint Eustatius",
            "Saba",
            "Países Bajos del Caribe",
        ],
    },
    Country {
        code: "BR",
        en: "Brazil",
        es: "Brasil",
        also: &["Federative Republic of Brazil", "República Federativa del Brasil"],
    },
    Country {
        code: "BS",
        en: "Bahamas",
        es: "Bahamas",
        also: &["Bahamas (the)", "Commonwealth of the Bahamas", "The Bahamas", "Las Bahamas"],
    },
    Country { code: "BT", en: "Bhutan", es: "Bután", also: &["Kingdom of Bhutan", "Reino de Bután"] },
    Country { code: "BV", en: "Bouvet Island", es: "Isla Bouvet", also: &[] },
    Country { code: "BW", en: "Botswana", es: "Botsuana", also: &["Republic of Botswana", "República de Botsuana"] },
    Country {
        code: "BY",
        en: "Belarus",
        es: "Bielorrusia",
        also: &["Republic of Belarus", "Byelorussia", "República de Belarús"],
    },
    Country { code: "BZ", en: "Belize", es: "Belice", also: &[] },
    Country { code: "CA", en: "Canada", es: "Canadá", also: &[] },
    Country {
        code: "CC",
        en: "Cocos (Keeling) Islands",
        es: "Islas Cocos",
        also: &["Cocos (Keeling) Islands (the)", "Islas Cocos (Keeling)", "Cocos Islands", "Keeling Islands"],
    },
    Country {
        code: "CD",
        en: "Democratic Republic of the Congo",
        es: "República Democrática del Congo",
        also: &[
            "Congo (the Democratic Republic of the)",
            "DR Congo",
            "DRC",
            "RDC",
            "RD Congo",
            "RD del Congo",
            "Congo-Kinshasa",
            "Democratic Republic of Congo",
            "Congo, Democratic Republic of the",
            "República Democrática de Congo",
            "Zaire",
        ],
    },
    Country {
        code: "CF",
        en: "Central African Republic",
        es: "República Centroafricana",
        also: &["Central African Republic (the)", "CAR", "RCA", "Centrafrique"],
    },
    Country {
        code: "CG",
        en: "Republic of the Congo",
        es: "República del Congo",
        // "Congo" alone is not here: most asylum seekers who write it mean the DRC, others
        // Congo-Brazzaville; the import asks rather than choose.
        also: &["Congo (the)", "Congo-Brazzaville", "Republic of Congo", "Congo, Republic of the"],
    },
    Country { code: "CH", en: "Switzerland", es: "Suiza", also: &["Swiss Confederation", "Confederación Suiza"] },
    Country {
        code: "CI",
        en: "Côte d'Ivoire",
        es: "Costa de Marfil",
        also: &["Republic of Côte d'Ivoire", "Ivory Coast", "República de Costa de Marfil"],
    },
    Country { code: "CK", en: "Cook Islands", es: "Islas Cook", also: &["Cook Islands (the)"] },
    Country { code: "CL", en: "Chile", es: "Chile", also: &["Republic of Chile", "República de Chile"] },
    Country { code: "CM", en: "Cameroon", es: "Camerún", also: &["Republic of Cameroon", "República de Camerún"] },
    Country {
        code: "CN",
        en: "China",
        es: "China",
        also: &["People's Republic of China", "PRC", "República Popular China", "Mainland China", "China continental"],
    },
    Country { code: "CO", en: "Colombia", es: "Colombia", also: &["Republic of Colombia", "República de Colombia"] },
    Country {
        code: "CR",
        en: "Costa Rica",
        es: "Costa Rica",
        also: &["Republic of Costa Rica", "República de Costa Rica"],
    },
    Country { code: "CU", en: "Cuba", es: "Cuba", also: &["Republic of Cuba", "República de Cuba"] },
    Country {
        code: "CV",
        en: "Cabo Verde",
        es: "Cabo Verde",
        also: &["Republic of Cabo Verde", "Cape Verde", "República de Cabo Verde"],
    },
    Country { code: "CW", en: "Curaçao", es: "Curazao", also: &[] },
    Country { code: "CX", en: "Christmas Island", es: "Isla de Navidad", also: &["Isla Christmas"] },
    Country { code: "CY", en: "Cyprus", es: "Chipre", also: &["Republic of Cyprus", "República de Chipre"] },
    Country { code: "CZ", en: "Czechia", es: "Chequia", also: &["Czech Republic", "República Checa"] },
    Country {
        code: "DE",
        en: "Germany",
        es: "Alemania",
        also: &["Federal Republic of Germany", "República Federal de Alemania", "Deutschland"],
    },
    Country { code: "DJ", en: "Djibouti", es: "Yibuti", also: &["Republic of Djibouti", "República de Yibuti"] },
    Country { code: "DK", en: "Denmark", es: "Dinamarca", also: &["Kingdom of Denmark", "Reino de Dinamarca"] },
    Country {
        code: "DM",
        en: "Dominica",
        es: "Dominica",
        also: &["Commonwealth of Dominica", "Mancomunidad de Dominica"],
    },
    Country {
        code: "DO",
        en: "Dominican Republic",
        es: "República Dominicana",
        also: &["Dominican Republic (the)", "Rep. Dominicana", "Dominican Rep.", "RD", "Dominicana"],
    },
    Country {
        code: "DZ",
        en: "Algeria",
        es: "Argelia",
        also: &["People's Democratic Republic of Algeria", "República Argelina Democrática y Popular"],
    },
    Country { code: "EC", en: "Ecuador", es: "Ecuador", also: &["Republic of Ecuador", "República del Ecuador"] },
    Country { code: "EE", en: "Estonia", es: "Estonia", also: &["Republic of Estonia", "República de Estonia"] },
    Country { code: "EG", en: "Egypt", es: "Egipto", also: &["Arab Republic of Egypt", "República Árabe de Egipto"] },
    Country {
        code: "EH",
        en: "Western Sahara",
        es: "Sáhara Occidental",
        also: &["Sahrawi Arab Democratic Republic", "República Árabe Saharaui Democrática"],
    },
    Country { code: "ER", en: "Eritrea", es: "Eritrea", also: &["State of Eritrea", "Estado de Eritrea"] },
    Country { code: "ES", en: "Spain", es: "España", also: &["Kingdom of Spain", "Reino de España"] },
    Country {
        code: "ET",
        en: "Ethiopia",
        es: "Etiopía",
        also: &["Federal Democratic Republic of Ethiopia", "República Democrática Federal de Etiopía"],
    },
    Country { code: "FI", en: "Finland", es: "Finlandia", also: &["Republic of Finland", "República de Finlandia"] },
    Country { code: "FJ", en: "Fiji", es: "Fiyi", also: &["Republic of Fiji", "República de Fiyi"] },
    Country {
        code: "FK",
        en: "Falkland Islands",
        es: "Islas Malvinas",
        also: &[
            "Falkland Islands (the) [Malvinas]",
            "Falkland Islands (Malvinas)",
            "Islas Malvinas (Falkland)",
            "Falklands",
            "Malvinas",
            "Islas Falkland",
        ],
    },
    Country {
        code: "FM",
        en: "Micronesia",
        es: "Micronesia",
        also: &[
            "Micronesia (Federated States of)",
            "Federated States of Micronesia",
            "Micronesia (Estados Federados de)",
            "Estados Federados de Micronesia",
        ],
    },
    Country {
        code: "FO",
        en: "Faroe Islands",
        es: "Islas Feroe",
        also: &["Faroe Islands (the)", "Faeroe Islands", "Faroes"],
    },
    Country { code: "FR", en: "France", es: "Francia", also: &["French Republic", "República Francesa"] },
    Country { code: "GA", en: "Gabon", es: "Gabón", also: &["Gabonese Republic", "República Gabonesa"] },
    Country {
        code: "GB",
        en: "United Kingdom",
        es: "Reino Unido",
        also: &[
            "United Kingdom of Great Britain and Northern Ireland (the)",
            "United Kingdom of Great Britain and Northern Ireland",
            "Reino Unido de Gran Bretaña e Irlanda del Norte",
            "UK",
            "Great Britain",
            "Britain",
            "Gran Bretaña",
            "England",
            "Inglaterra",
            "Scotland",
            "Escocia",
            "Wales",
            "Gales",
            "País de Gales",
            "Northern Ireland",
            "Irlanda del Norte",
        ],
    },
    Country { code: "GD", en: "Grenada", es: "Granada", also: &[] },
    Country { code: "GE", en: "Georgia", es: "Georgia", also: &[] },
    Country { code: "GF", en: "French Guiana", es: "Guayana Francesa", also: &["Guyane"] },
    Country { code: "GG", en: "Guernsey", es: "Guernsey", also: &["Guernesey"] },
    Country { code: "GH", en: "Ghana", es: "Ghana", also: &["Republic of Ghana", "República de Ghana"] },
    Country { code: "GI", en: "Gibraltar", es: "Gibraltar", also: &[] },
    Country { code: "GL", en: "Greenland", es: "Groenlandia", also: &["Kalaallit Nunaat"] },
    Country {
        code: "GM",
        en: "Gambia",
        es: "Gambia",
        also: &["Gambia (the)", "Republic of the Gambia", "The Gambia", "República de Gambia"],
    },
    Country {
        code: "GN",
        en: "Guinea",
        es: "Guinea",
        also: &["Republic of Guinea", "Guinea-Conakry", "República de Guinea"],
    },
    Country { code: "GP", en: "Guadeloupe", es: "Guadalupe", also: &[] },
    Country {
        code: "GQ",
        en: "Equatorial Guinea",
        es: "Guinea Ecuatorial",
        also: &["Republic of Equatorial Guinea", "República de Guinea Ecuatorial"],
    },
    Country { code: "GR", en: "Greece", es: "Grecia", also: &["Hellenic Republic", "República Helénica", "Hellas"] },
    Country {
        code: "GS",
        en: "South Georgia and the South Sandwich Islands",
        es: "Islas Georgias del Sur y Sandwich del Sur",
        also: &["Georgia del Sur y las Islas Sandwich del Sur", "South Georgia", "Georgias del Sur"],
    },
    Country {
        code: "GT",
        en: "Guatemala",
        es: "Guatemala",
        also: &["Republic of Guatemala", "República de Guatemala"],
    },
    Country { code: "GU", en: "Guam", es: "Guam", also: &[] },
    Country {
        code: "GW",
        en: "Guinea-Bissau",
        es: "Guinea-Bisáu",
        also: &["Republic of Guinea-Bissau", "República de Guinea-Bisáu"],
    },
    Country {
        code: "GY",
        en: "Guyana",
        es: "Guyana",
        also: &["Co-operative Republic of Guyana", "República Cooperativa de Guyana"],
    },
    Country {
        code: "HK",
        en: "Hong Kong",
        es: "Hong Kong",
        also: &[
            "China, Hong Kong Special Administrative Region",
            "China, región administrativa especial de Hong Kong",
            "Hong Kong SAR",
            "Hong Kong, China",
        ],
    },
    Country { code: "HM", en: "Heard Island and McDonald Islands", es: "Islas Heard y McDonald", also: &[] },
    Country { code: "HN", en: "Honduras", es: "Honduras", also: &["Republic of Honduras", "República de Honduras"] },
    Country {
        code: "HR",
        en: "Croatia",
        es: "Croacia",
        also: &["Republic of Croatia", "República de Croacia", "Hrvatska"],
    },
    Country {
        code: "HT",
        en: "Haiti",
        es: "Haití",
        also: &["Republic of Haiti", "République d'Haïti", "República de Haití", "Ayiti"],
    },
    Country { code: "HU", en: "Hungary", es: "Hungría", also: &[] },
    Country {
        code: "ID",
        en: "Indonesia",
        es: "Indonesia",
        also: &["Republic of Indonesia", "República de Indonesia"],
    },
    Country {
        code: "IE",
        en: "Ireland",
        es: "Irlanda",
        also: &["Republic of Ireland", "República de Irlanda", "Éire"],
    },
    Country { code: "IL", en: "Israel", es: "Israel", also: &["State of Israel", "Estado de Israel"] },
    Country { code: "IM", en: "Isle of Man", es: "Isla de Man", also: &[] },
    Country { code: "IN", en: "India", es: "India", also: &["Republic of India", "República de la India", "Bharat"] },
    Country {
        code: "IO",
        en: "British Indian Ocean Territory",
        es: "Territorio Británico del Océano Índico",
        also: &["British Indian Ocean Territory (the)", "Chagos Islands", "Chagos Archipelago", "Islas Chagos"],
    },
    Country { code: "IQ", en: "Iraq", es: "Irak", also: &["Republic of Iraq", "República de Irak"] },
    Country {
        code: "IR",
        en: "Iran",
        es: "Irán",
        also: &[
            "Iran (Islamic Republic of)",
            "Islamic Republic of Iran",
            "Irán (República Islámica del)",
            "República Islámica de Irán",
            "Persia",
        ],
    },
    Country { code: "IS", en: "Iceland", es: "Islandia", also: &["República de Islandia"] },
    Country {
        code: "IT",
        en: "Italy",
        es: "Italia",
        also: &["Republic of Italy", "Italian Republic", "República Italiana"],
    },
    Country { code: "JE", en: "Jersey", es: "Jersey", also: &[] },
    Country { code: "JM", en: "Jamaica", es: "Jamaica", also: &[] },
    Country {
        code: "JO",
        en: "Jordan",
        es: "Jordania",
        also: &["Hashemite Kingdom of Jordan", "Reino Hachemita de Jordania"],
    },
    Country { code: "JP", en: "Japan", es: "Japón", also: &["Nippon", "Nihon"] },
    Country { code: "KE", en: "Kenya", es: "Kenia", also: &["Republic of Kenya", "República de Kenia"] },
    Country {
        code: "KG",
        en: "Kyrgyzstan",
        es: "Kirguistán",
        also: &["Kyrgyz Republic", "Kirguizistán", "Kirguisistán", "República Kirguisa", "Kirghizia"],
    },
    Country {
        code: "KH",
        en: "Cambodia",
        es: "Camboya",
        also: &["Kingdom of Cambodia", "Reino de Camboya", "Kampuchea"],
    },
    Country { code: "KI", en: "Kiribati", es: "Kiribati", also: &["Republic of Kiribati"] },
    Country {
        code: "KM",
        en: "Comoros",
        es: "Comoras",
        also: &["Comoros (the)", "Union of the Comoros", "Unión de las Comoras"],
    },
    Country {
        code: "KN",
        en: "Saint Kitts and Nevis",
        es: "San Cristóbal y Nieves",
        also: &[
            "Saint Kitts y Nevis",
            "St. Kitts and Nevis",
            "St Kitts & Nevis",
            "Saint Kitts",
            "St. Kitts",
            "Saint Christopher and Nevis",
        ],
    },
    Country {
        code: "KP",
        en: "North Korea",
        es: "Corea del Norte",
        also: &[
            "Korea (the Democratic People's Republic of)",
            "Democratic People's Republic of Korea",
            "República Popular Democrática de Corea",
            "Korea, Democratic People's Republic of",
            "DPRK",
        ],
    },
    Country {
        code: "KR",
        en: "South Korea",
        es: "Corea del Sur",
        also: &["Korea (the Republic of)", "Republic of Korea", "República de Corea", "Korea, Republic of", "ROK"],
    },
    Country { code: "KW", en: "Kuwait", es: "Kuwait", also: &["State of Kuwait", "Estado de Kuwait"] },
    Country { code: "KY", en: "Cayman Islands", es: "Islas Caimán", also: &["Cayman Islands (the)", "Caymans"] },
    Country {
        code: "KZ",
        en: "Kazakhstan",
        es: "Kazajistán",
        also: &["Republic of Kazakhstan", "Kazajstán", "República de Kazajistán"],
    },
    Country {
        code: "LA",
        en: "Laos",
        es: "Laos",
        also: &[
            "Lao People's Democratic Republic (the)",
            "Lao People's Democratic Republic",
            "República Democrática Popular Lao",
            "Lao PDR",
        ],
    },
    Country {
        code: "LB",
        en: "Lebanon",
        es: "Líbano",
        also: &["Lebanese Republic", "República Libanesa", "El Líbano"],
    },
    Country { code: "LC", en: "Saint Lucia", es: "Santa Lucía", also: &["St. Lucia"] },
    Country {
        code: "LI",
        en: "Liechtenstein",
        es: "Liechtenstein",
        also: &["Principality of Liechtenstein", "Principado de Liechtenstein"],
    },
    Country {
        code: "LK",
        en: "Sri Lanka",
        es: "Sri Lanka",
        also: &["Democratic Socialist Republic of Sri Lanka", "Ceylon", "Ceilán"],
    },
    Country { code: "LR", en: "Liberia", es: "Liberia", also: &["Republic of Liberia", "República de Liberia"] },
    Country { code: "LS", en: "Lesotho", es: "Lesoto", also: &["Kingdom of Lesotho", "Reino de Lesoto"] },
    Country { code: "LT", en: "Lithuania", es: "Lituania", also: &["Republic of Lithuania", "República de Lituania"] },
    Country {
        code: "LU",
        en: "Luxembourg",
        es: "Luxemburgo",
        also: &["Grand Duchy of Luxembourg", "Gran Ducado de Luxemburgo"],
    },
    Country { code: "LV", en: "Latvia", es: "Letonia", also: &["Republic of Latvia", "República de Letonia"] },
    Country { code: "LY", en: "Libya", es: "Libia", also: &["State of Libya", "Estado de Libia"] },
    Country { code: "MA", en: "Morocco", es: "Marruecos", also: &["Kingdom of Morocco", "Reino de Marruecos"] },
    Country { code: "MC", en: "Monaco", es: "Mónaco", also: &["Principality of Monaco", "Principado de Mónaco"] },
    Country {
        code: "MD",
        en: "Moldova",
        es: "Moldavia",
        also: &[
            "Moldova (the Republic of)",
            "Republic of Moldova",
            "República de Moldova",
            "Moldova, Republic of",
            "República de Moldavia",
        ],
    },
    Country { code: "ME", en: "Montenegro", es: "Montenegro", also: &[] },
    Country {
        code: "MF",
        en: "Saint Martin",
        es: "San Martín",
        also: &["Saint Martin (French part)", "San Martín (parte francesa)", "St. Martin"],
    },
    Country {
        code: "MG",
        en: "Madagascar",
        es: "Madagascar",
        also: &["Republic of Madagascar", "República de Madagascar"],
    },
    Country {
        code: "MH",
        en: "Marshall Islands",
        es: "Islas Marshall",
        also: &["Marshall Islands (the)", "Republic of the Marshall Islands", "República de las Islas Marshall"],
    },
    Country {
        code: "MK",
        en: "North Macedonia",
        es: "Macedonia del Norte",
        also: &["Republic of North Macedonia", "Macedonia", "FYROM", "República de Macedonia del Norte"],
    },
    Country { code: "ML", en: "Mali", es: "Malí", also: &["Republic of Mali", "República de Malí"] },
    Country {
        code: "MM",
        en: "Myanmar",
        es: "Myanmar",
        also: &["Republic of the Union of Myanmar", "Burma", "Birmania", "República de la Unión de Myanmar"],
    },
    Country { code: "MN", en: "Mongolia", es: "Mongolia", also: &[] },
    Country {
        code: "MO",
        en: "Macao",
        es: "Macao",
        also: &[
            "China, Macao Special Administrative Region",
            "China, región administrativa especial de Macao",
            "Macau",
            "Macao SAR",
        ],
    },
    Country {
        code: "MP",
        en: "Northern Mariana Islands",
        es: "Islas Marianas del Norte",
        also: &[
            "Northern Mariana Islands (the)",
            "Islas Marianas Septentrionales",
            "CNMI",
            "Mancomunidad de las Islas Marianas del Norte",
        ],
    },
    Country { code: "MQ", en: "Martinique", es: "Martinica", also: &[] },
    Country {
        code: "MR",
        en: "Mauritania",
        es: "Mauritania",
        also: &["Islamic Republic of Mauritania", "República Islámica de Mauritania"],
    },
    Country { code: "MS", en: "Montserrat", es: "Montserrat", also: &[] },
    Country { code: "MT", en: "Malta", es: "Malta", also: &["Republic of Malta", "República de Malta"] },
    Country { code: "MU", en: "Mauritius", es: "Mauricio", also: &["Republic of Mauritius", "República de Mauricio"] },
    Country { code: "MV", en: "Maldives", es: "Maldivas", also: &["Republic of Maldives", "República de Maldivas"] },
    Country { code: "MW", en: "Malawi", es: "Malaui", also: &["Republic of Malawi", "República de Malaui"] },
    Country { code: "MX", en: "Mexico", es: "México", also: &["United Mexican States", "Estados Unidos Mexicanos"] },
    Country { code: "MY", en: "Malaysia", es: "Malasia", also: &[] },
    Country {
        code: "MZ",
        en: "Mozambique",
        es: "Mozambique",
        also: &["Republic of Mozambique", "República de Mozambique"],
    },
    Country { code: "NA", en: "Namibia", es: "Namibia", also: &["Republic of Namibia", "República de Namibia"] },
    Country { code: "NC", en: "New Caledonia", es: "Nueva Caledonia", also: &[] },
    Country {
        code: "NE",
        en: "Niger",
        es: "Níger",
        also: &["Niger (the)", "Republic of the Niger", "Republic of Niger", "República del Níger"],
    },
    Country { code: "NF", en: "Norfolk Island", es: "Isla Norfolk", also: &[] },
    Country {
        code: "NG",
        en: "Nigeria",
        es: "Nigeria",
        also: &["Federal Republic of Nigeria", "República Federal de Nigeria"],
    },
    Country {
        code: "NI",
        en: "Nicaragua",
        es: "Nicaragua",
        also: &["Republic of Nicaragua", "República de Nicaragua"],
    },
    Country {
        code: "NL",
        en: "Netherlands",
        es: "Países Bajos",
        also: &[
            "Netherlands (Kingdom of the)",
            "Kingdom of the Netherlands",
            "Países Bajos (Reino de los)",
            "The Netherlands",
            "Holland",
            "Holanda",
            "Reino de los Países Bajos",
        ],
    },
    Country { code: "NO", en: "Norway", es: "Noruega", also: &["Kingdom of Norway", "Reino de Noruega"] },
    Country { code: "NP", en: "Nepal", es: "Nepal", also: &["República Democrática Federal de Nepal"] },
    Country { code: "NR", en: "Nauru", es: "Nauru", also: &["Republic of Nauru", "República de Nauru"] },
    Country { code: "NU", en: "Niue", es: "Niue", also: &[] },
    Country { code: "NZ", en: "New Zealand", es: "Nueva Zelanda", also: &["Nueva Zelandia", "Aotearoa"] },
    Country { code: "OM", en: "Oman", es: "Omán", also: &["Sultanate of Oman", "Sultanato de Omán"] },
    Country { code: "PA", en: "Panama", es: "Panamá", also: &["Republic of Panama", "República de Panamá"] },
    Country { code: "PE", en: "Peru", es: "Perú", also: &["Republic of Peru", "República del Perú"] },
    Country { code: "PF", en: "French Polynesia", es: "Polinesia Francesa", also: &[] },
    Country {
        code: "PG",
        en: "Papua New Guinea",
        es: "Papúa Nueva Guinea",
        also: &["Independent State of Papua New Guinea", "PNG", "Estado Independiente de Papúa Nueva Guinea"],
    },
    Country {
        code: "PH",
        en: "Philippines",
        es: "Filipinas",
        also: &["Philippines (the)", "Republic of the Philippines", "República de Filipinas"],
    },
    Country {
        code: "PK",
        en: "Pakistan",
        es: "Pakistán",
        also: &["Islamic Republic of Pakistan", "República Islámica de Pakistán"],
    },
    Country { code: "PL", en: "Poland", es: "Polonia", also: &["Republic of Poland", "República de Polonia"] },
    Country {
        code: "PM",
        en: "Saint Pierre and Miquelon",
        es: "San Pedro y Miquelón",
        also: &["St. Pierre and Miquelon"],
    },
    Country { code: "PN", en: "Pitcairn Islands", es: "Islas Pitcairn", also: &["Pitcairn"] },
    Country {
        code: "PR",
        en: "Puerto Rico",
        es: "Puerto Rico",
        also: &["Commonwealth of Puerto Rico", "Estado Libre Asociado de Puerto Rico"],
    },
    Country {
        code: "PS",
        en: "Palestine",
        es: "Palestina",
        also: &[
            "Palestine, State of",
            "State of Palestine",
            "Estado de Palestina",
            "Palestinian Territories",
            "Occupied Palestinian Territory",
            "Territorios Palestinos",
            "West Bank",
            "Cisjordania",
            "Gaza",
            "Gaza Strip",
            "Franja de Gaza",
        ],
    },
    Country { code: "PT", en: "Portugal", es: "Portugal", also: &["Portuguese Republic", "República Portuguesa"] },
    Country { code: "PW", en: "Palau", es: "Palaos", also: &["Republic of Palau", "República de Palaos"] },
    Country { code: "PY", en: "Paraguay", es: "Paraguay", also: &["Republic of Paraguay", "República del Paraguay"] },
    Country { code: "QA", en: "Qatar", es: "Catar", also: &["State of Qatar", "Estado de Catar"] },
    Country { code: "RE", en: "Réunion", es: "Reunión", also: &["La Réunion", "Isla de la Reunión"] },
    Country { code: "RO", en: "Romania", es: "Rumania", also: &["Roumania"] },
    Country { code: "RS", en: "Serbia", es: "Serbia", also: &["Republic of Serbia", "República de Serbia"] },
    Country {
        code: "RU",
        en: "Russia",
        es: "Rusia",
        also: &["Russian Federation (the)", "Russian Federation", "Federación de Rusia", "Federación Rusa"],
    },
    Country { code: "RW", en: "Rwanda", es: "Ruanda", also: &["Republic of Rwanda", "República de Ruanda"] },
    Country {
        code: "SA",
        en: "Saudi Arabia",
        es: "Arabia Saudita",
        also: &["Kingdom of Saudi Arabia", "KSA", "Arabia Saudí", "Reino de Arabia Saudita"],
    },
    Country { code: "SB", en: "Solomon Islands", es: "Islas Salomón", also: &[] },
    Country {
        code: "SC",
        en: "Seychelles",
        es: "Seychelles",
        also: &["Republic of Seychelles", "República de Seychelles"],
    },
    Country {
        code: "SD",
        en: "Sudan",
        es: "Sudán",
        also: &["Sudan (the)", "Republic of the Sudan", "Republic of Sudan", "The Sudan", "República del Sudán"],
    },
    Country { code: "SE", en: "Sweden", es: "Suecia", also: &["Kingdom of Sweden", "Reino de Suecia"] },
    Country { code: "SG", en: "Singapore", es: "Singapur", also: &["Republic of Singapore", "República de Singapur"] },
    Country {
        code: "SH",
        en: "Saint Helena",
        es: "Santa Elena",
        also: &[
            "Saint Helena, Ascension and Tristan da Cunha",
            "St. Helena",
            "Santa Elena, Ascensión y Tristán de Acuña",
            "Ascension Island",
            "Tristan da Cunha",
        ],
    },
    Country { code: "SI", en: "Slovenia", es: "Eslovenia", also: &["Republic of Slovenia", "República de Eslovenia"] },
    Country {
        code: "SJ",
        en: "Svalbard and Jan Mayen",
        es: "Svalbard y Jan Mayen",
        also: &["Svalbard and Jan Mayen Islands", "Islas Svalbard y Jan Mayen", "Svalbard"],
    },
    Country { code: "SK", en: "Slovakia", es: "Eslovaquia", also: &["Slovak Republic", "República Eslovaca"] },
    Country {
        code: "SL",
        en: "Sierra Leone",
        es: "Sierra Leona",
        also: &["Republic of Sierra Leone", "República de Sierra Leona"],
    },
    Country {
        code: "SM",
        en: "San Marino",
        es: "San Marino",
        also: &["Republic of San Marino", "República de San Marino"],
    },
    Country { code: "SN", en: "Senegal", es: "Senegal", also: &["Republic of Senegal", "República del Senegal"] },
    Country {
        code: "SO",
        en: "Somalia",
        es: "Somalia",
        also: &["Federal Republic of Somalia", "República Federal de Somalia", "Somaliland", "Somalilandia"],
    },
    Country { code: "SR", en: "Suriname", es: "Surinam", also: &["Republic of Suriname", "República de Surinam"] },
    Country {
        code: "SS",
        en: "South Sudan",
        es: "Sudán del Sur",
        also: &["Republic of South Sudan", "República de Sudán del Sur"],
    },
    Country {
        code: "ST",
        en: "São Tomé and Príncipe",
        es: "Santo Tomé y Príncipe",
        also: &["Democratic Republic of Sao Tome and Principe", "São Tomé & Príncipe", "São Tomé"],
    },
    Country {
        code: "SV",
        en: "El Salvador",
        es: "El Salvador",
        also: &["Republic of El Salvador", "República de El Salvador"],
    },
    Country {
        code: "SX",
        en: "Sint Maarten",
        es: "Sint Maarten",
        also: &["Sint Maarten (Dutch part)", "San Martín (parte Holandesa)", "San Martín (parte neerlandesa)"],
    },
    Country {
        code: "SY",
        en: "Syria",
        es: "Siria",
        also: &["Syrian Arab Republic (the)", "Syrian Arab Republic", "República Árabe Siria"],
    },
    Country {
        code: "SZ",
        en: "Eswatini",
        es: "Esuatini",
        also: &["Kingdom of Eswatini", "Swaziland", "Suazilandia", "Reino de Esuatini"],
    },
    Country {
        code: "TC",
        en: "Turks and Caicos Islands",
        es: "Islas Turcas y Caicos",
        also: &["Turks and Caicos Islands (the)", "Turks and Caicos", "Turks & Caicos"],
    },
    Country { code: "TD", en: "Chad", es: "Chad", also: &["Republic of Chad", "República del Chad"] },
    Country {
        code: "TF",
        en: "French Southern Territories",
        es: "Territorios Australes Franceses",
        also: &[
            "French Southern Territories (the)",
            "Territorio de las Tierras Australes Francesas",
            "French Southern and Antarctic Lands",
            "Tierras Australes y Antárticas Francesas",
        ],
    },
    Country { code: "TG", en: "Togo", es: "Togo", also: &["Togolese Republic", "República Togolesa"] },
    Country {
        code: "TH",
        en: "Thailand",
        es: "Tailandia",
        also: &["Kingdom of Thailand", "Reino de Tailandia", "Siam"],
    },
    Country {
        code: "TJ",
        en: "Tajikistan",
        es: "Tayikistán",
        also: &["Republic of Tajikistan", "República de Tayikistán"],
    },
    Country { code: "TK", en: "Tokelau", es: "Tokelau", also: &[] },
    Country {
        code: "TL",
        en: "Timor-Leste",
        es: "Timor Oriental",
        also: &["Democratic Republic of Timor-Leste", "East Timor", "República Democrática de Timor-Leste"],
    },
    Country { code: "TM", en: "Turkmenistan", es: "Turkmenistán", also: &[] },
    Country { code: "TN", en: "Tunisia", es: "Túnez", also: &["Republic of Tunisia", "República de Túnez"] },
    Country { code: "TO", en: "Tonga", es: "Tonga", also: &["Kingdom of Tonga", "Reino de Tonga"] },
    Country {
        code: "TR",
        en: "Turkey",
        es: "Turquía",
        also: &["Türkiye", "Republic of Türkiye", "Republic of Turkey", "República de Turquía"],
    },
    Country {
        code: "TT",
        en: "Trinidad and Tobago",
        es: "Trinidad y Tobago",
        also: &["Republic of Trinidad and Tobago", "Trinidad y Tabago", "Trinidad & Tobago"],
    },
    Country { code: "TV", en: "Tuvalu", es: "Tuvalu", also: &[] },
    Country { code: "TW", en: "Taiwan", es: "Taiwán", also: &["Taiwan (Province of China)", "Chinese Taipei"] },
    Country {
        code: "TZ",
        en: "Tanzania",
        es: "Tanzania",
        also: &["Tanzania, United Republic of", "United Republic of Tanzania", "República Unida de Tanzanía"],
    },
    Country { code: "UA", en: "Ukraine", es: "Ucrania", also: &["The Ukraine"] },
    Country { code: "UG", en: "Uganda", es: "Uganda", also: &["Republic of Uganda", "República de Uganda"] },
    Country {
        code: "UM",
        en: "United States Minor Outlying Islands",
        es: "Islas Ultramarinas Menores de los Estados Unidos",
        also: &[
            "United States Minor Outlying Islands (the)",
            "Islas menores alejadas de Estados Unidos",
            "U.S. Minor Outlying Islands",
        ],
    },
    Country {
        code: "US",
        en: "United States",
        es: "Estados Unidos",
        also: &[
            "United States of America (the)",
            "United States of America",
            "Estados Unidos de América",
            "USA",
            "U.S.",
            "Estados Unidos de Norteamérica",
            "EE. UU.",
            "EUA",
        ],
    },
    Country {
        code: "UY",
        en: "Uruguay",
        es: "Uruguay",
        also: &["Eastern Republic of Uruguay", "Oriental Republic of Uruguay", "República Oriental del Uruguay"],
    },
    Country {
        code: "UZ",
        en: "Uzbekistan",
        es: "Uzbekistán",
        also: &["Republic of Uzbekistan", "República de Uzbekistán"],
    },
    Country {
        code: "VA",
        en: "Vatican City",
        es: "Ciudad del Vaticano",
        also: &[
            "Holy See (the)",
            "Holy See",
            "Santa Sede",
            "Vatican",
            "Vaticano",
            "Vatican City State",
            "Estado de la Ciudad del Vaticano",
        ],
    },
    Country {
        code: "VC",
        en: "Saint Vincent and the Grenadines",
        es: "San Vicente y las Granadinas",
        also: &["St. Vincent and the Grenadines", "Saint Vincent", "St. Vincent"],
    },
    Country {
        code: "VE",
        en: "Venezuela",
        es: "Venezuela",
        also: &[
            "Venezuela (Bolivarian Republic of)",
            "Bolivarian Republic of Venezuela",
            "Venezuela (República Bolivariana de)",
        ],
    },
    Country {
        code: "VG",
        en: "British Virgin Islands",
        es: "Islas Vírgenes Británicas",
        also: &["Virgin Islands (British)", "BVI"],
    },
    Country {
        code: "VI",
        en: "U.S. Virgin Islands",
        es: "Islas Vírgenes de los Estados Unidos",
        also: &["Virgin Islands (U.S.)", "United States Virgin Islands", "USVI", "Islas Vírgenes Estadounidenses"],
    },
    Country {
        code: "VN",
        en: "Vietnam",
        es: "Vietnam",
        also: &["Socialist Republic of Viet Nam", "República Socialista de Vietnam"],
    },
    Country { code: "VU", en: "Vanuatu", es: "Vanuatu", also: &["Republic of Vanuatu", "República de Vanuatu"] },
    Country {
        code: "WF",
        en: "Wallis and Futuna",
        es: "Wallis y Futuna",
        also: &["Wallis and Futuna Islands", "Islas Wallis y Futuna", "Wallis & Futuna"],
    },
    Country {
        code: "WS",
        en: "Samoa",
        es: "Samoa",
        also: &["Independent State of Samoa", "Western Samoa", "Estado Independiente de Samoa"],
    },
    Country { code: "XK", en: "Kosovo", es: "Kosovo", also: &["Republic of Kosovo", "República de Kosovo", "Kosova"] },
    Country { code: "YE", en: "Yemen", es: "Yemen", also: &["Republic of Yemen", "República de Yemen"] },
    Country { code: "YT", en: "Mayotte", es: "Mayotte", also: &[] },
    Country {
        code: "ZA",
        en: "South Africa",
        es: "Sudáfrica",
        also: &["Republic of South Africa", "RSA", "Suráfrica"],
    },
    Country { code: "ZM", en: "Zambia", es: "Zambia", also: &["Republic of Zambia", "República de Zambia"] },
    Country { code: "ZW", en: "Zimbabwe", es: "Zimbabue", also: &["Republic of Zimbabwe", "República de Zimbabue"] },
];

/// The country a typed value stands for: a two-letter code in any case ("sv", "SV"), or any of its names
/// ignoring case, accents, punctuation and spaces ("HAITI", "Haïti", "rep dominicana", "Guinea Bissau",
/// "Cote d Ivoire"). `None` when nothing matches exactly; [`suggest`] finds near misses.
pub fn country_by_name(raw: &str) -> Option<&'static Country> {
    let raw = raw.trim();
    if raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_alphabetic()) {
        if let Some(country) = COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(raw)) {
            return Some(country);
        }
    }
    let key = fold(raw);
    if key.is_empty() {
        return None;
    }
    COUNTRIES.iter().zip(folded()).find(|(_, names)| names.iter().any(|n| *n == key)).map(|(c, _)| c)
}

/// The display name for a code (any case), in Spanish or English; `None` for a code not in the table.
pub fn country_name(code: &str, spanish: bool) -> Option<&'static str> {
    let code = code.trim();
    COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code)).map(|c| c.name(spanish))
}

/// Countries for an autocomplete list, at most `limit` of them: first those whose code is the text or
/// whose English or Spanish name starts with it, then those with another name that starts with it, then
/// those with a name that merely contains it; in table order within each group. Folded as in
/// [`country_by_name`]. Empty text suggests nothing.
pub fn suggest(prefix: &str, limit: usize) -> Vec<&'static Country> {
    let key = fold(prefix);
    if key.is_empty() || limit == 0 {
        return Vec::new();
    }
    let key = key.as_str();
    let mut ranked: Vec<(u8, &'static Country)> = Vec::new();
    for (country, names) in COUNTRIES.iter().zip(folded()) {
        let is_code = key.len() == 2 && country.code.eq_ignore_ascii_case(key);
        let rank = if is_code || names[..2].iter().any(|n| n.starts_with(key)) {
            0
        } else if names[2..].iter().any(|n| n.starts_with(key)) {
            1
        } else if names.iter().any(|n| n.contains(key)) {
            2
        } else {
            continue;
        };
        ranked.push((rank, country));
    }
    // A stable sort keeps table order within each rank.
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked.into_iter().take(limit).map(|(_, country)| country).collect()
}

/// The countries whose names begin most like a name Amparo did not know ("Guatamala" →
/// Guatemala first), for a "did you mean" hint: at least three letters in common at the
/// start, the longest first, at most `limit`.
pub fn nearest(typed: &str, limit: usize) -> Vec<&'static Country> {
    let key = fold(typed);
    let common = |n: &str| key.chars().zip(n.chars()).take_while(|(a, b)| a == b).count();
    let mut ranked: Vec<(usize, &'static Country)> = COUNTRIES
        .iter()
        .zip(folded())
        .map(|(c, names)| (names.iter().map(|n| common(n)).max().unwrap_or(0), c))
        .filter(|(n, _)| *n >= 3)
        .collect();
    ranked.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    ranked.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// Every country's names, folded once: `folded()[i]` belongs to `COUNTRIES[i]`, in the order of
/// [`Country::names`], so the first two are `en` and `es`.
fn folded() -> &'static [Vec<String>] {
    static FOLDED: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    FOLDED.get_or_init(|| COUNTRIES.iter().map(|c| c.names().map(fold).collect()).collect())
}

/// A name reduced to what tells countries apart: lower case, no accents or other marks, and only letters
/// and digits, so punctuation (". , ' - ’ ( )") and all spaces go. "Côte d’Ivoire" and "cote d'ivoire"
/// both become "cotedivoire"; "Rep.  Dominicana" becomes "repdominicana"; "Guinea-Bissau", "Guinea
/// Bissau" and "GuineaBissau" meet.
fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// The codes `CountryCode` accepts (`ISO_3166_ALPHA2` in `ids.rs`).
    const ACCEPTED: &[&str] = &[
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS",
        "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE",
        "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM",
        "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC",
        "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA",
        "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW",
        "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO",
        "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW",
    ];

    fn accepted() -> impl Iterator<Item = &'static str> {
        ACCEPTED.iter().flat_map(|row| row.split(' '))
    }

    fn code_of(raw: &str) -> Option<&'static str> {
        country_by_name(raw).map(|c| c.code)
    }

    #[test]
    fn every_accepted_code_has_exactly_one_country() {
        for code in accepted() {
            let count = COUNTRIES.iter().filter(|c| c.code == code).count();
            assert_eq!(count, 1, "{code}");
        }
        assert_eq!(COUNTRIES.len(), accepted().count(), "a country whose code is not accepted");
    }

    #[test]
    fn codes_are_two_capitals_and_every_name_says_something() {
        for country in COUNTRIES {
            let code = country.code;
            assert!(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()), "{code}");
            for name in country.names() {
                assert_eq!(name, name.trim(), "{code}: {name:?}");
                assert!(!fold(name).is_empty(), "{code}: {name:?}");
            }
        }
    }

    #[test]
    fn the_spellings_people_use_find_their_country() {
        for (raw, code) in [
            ("Guatemala", "GT"),
            ("guatemala", "GT"),
            ("Haïti", "HT"),
            ("Haití", "HT"),
            ("Haiti", "HT"),
            ("El Salvador", "SV"),
            ("Eritrea", "ER"),
            ("Estados Unidos", "US"),
            ("Viet Nam", "VN"),
            ("Vietnam", "VN"),
            ("Venezuela", "VE"),
            ("México", "MX"),
            ("Mexico", "MX"),
            ("Honduras", "HN"),
            ("Rep. Dominicana", "DO"),
            ("República Democrática del Congo", "CD"),
            ("DR Congo", "CD"),
            ("Congo-Brazzaville", "CG"),
            ("Côte d'Ivoire", "CI"),
            ("Costa de Marfil", "CI"),
            ("Russia", "RU"),
            ("Rusia", "RU"),
            ("Afganistán", "AF"),
            // Old names, abbreviations and the official forms.
            ("Burma", "MM"),
            ("Swaziland", "SZ"),
            ("Zaire", "CD"),
            ("Czech Republic", "CZ"),
            ("USA", "US"),
            ("EE. UU.", "US"),
            ("UK", "GB"),
            ("DRC", "CD"),
            ("RDC", "CD"),
            ("Bolivia (Plurinational State of)", "BO"),
            ("Congo (the Democratic Republic of the)", "CD"),
            ("Irán (República Islámica del)", "IR"),
            ("Türkiye", "TR"),
            ("Turquía", "TR"),
            // Case, accents, punctuation and spacing do not matter.
            ("  rep   dominicana ", "DO"),
            ("REPÚBLICA DOMINICANA", "DO"),
            ("Cote d Ivoire", "CI"),
            ("Côte d’Ivoire", "CI"),
            ("guinea bissau", "GW"),
            ("Guinea-Bissau", "GW"),
            ("st. lucia", "LC"),
            // Two letters are a code.
            ("sv", "SV"),
            (" GT ", "GT"),
        ] {
            assert_eq!(code_of(raw), Some(code), "{raw:?}");
        }
    }

    #[test]
    fn unknown_names_find_nothing() {
        for raw in ["xx", "XX", "Atlantis", "", "   ", ".", "Guatemalan", "Korea", "Guatemala City", "Congo"] {
            assert_eq!(code_of(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn names_are_shown_in_the_language_asked_for() {
        assert_eq!(country_name("HT", true), Some("Haití"));
        assert_eq!(country_name("ht", false), Some("Haiti"));
        assert_eq!(country_name("CD", true), Some("República Democrática del Congo"));
        assert_eq!(country_name("CD", false), Some("Democratic Republic of the Congo"));
        assert_eq!(country_name("BO", false), Some("Bolivia"));
        assert_eq!(country_name("ZZ", true), None);
        assert_eq!(country_name("", false), None);
    }

    #[test]
    fn suggestions_follow_what_was_typed() {
        let codes = |text: &str, limit: usize| suggest(text, limit).iter().map(|c| c.code).collect::<Vec<_>>();
        assert!(codes("gua", 10).contains(&"GT"), "{:?}", codes("gua", 10));
        assert!(codes("Haiti", 10).contains(&"HT"));
        assert!(codes("sv", 10).contains(&"SV"));
        assert!(codes("", 10).is_empty());
        assert!(codes(" - ", 10).is_empty());
        assert!(codes("gua", 0).is_empty());
        assert_eq!(codes("a", 3).len(), 3);
        // Names that start with the text come before names that only contain it.
        let guinea = codes("guinea", 10);
        let papua = guinea.iter().position(|c| *c == "PG").expect("Papua New Guinea contains \"guinea\"");
        for code in ["GN", "GQ", "GW"] {
            let at = guinea.iter().position(|c| *c == code).unwrap_or_else(|| panic!("{code} in {guinea:?}"));
            assert!(at < papua, "{guinea:?}");
        }
    }

    #[test]
    fn no_name_belongs_to_two_countries() {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for country in COUNTRIES {
            for name in country.names() {
                let key = fold(name);
                if let Some(other) = owner.insert(key.clone(), country.code) {
                    assert_eq!(other, country.code, "{name:?} names both {other} and {}", country.code);
                }
                // A two-letter name must not read as another country's code.
                if key.len() == 2 {
                    if let Some(holder) = COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(&key)) {
                        assert_eq!(holder.code, country.code, "{name:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn folding_ignores_case_marks_punctuation_and_spaces() {
        assert_eq!(fold("  Côte d’Ivoire "), "cotedivoire");
        assert_eq!(fold("Rep.  Dominicana"), "repdominicana");
        assert_eq!(fold("São Tomé & Príncipe"), "saotomeprincipe");
        assert_eq!(fold("Åland"), "aland");
    }
}

"""Generate countries.yaml once from pycountry plus the hand-written table below; the output is committed.

    python detente/data/actors/build_countries.py            # rewrites countries.yaml next to this file

pycountry gives every ISO 3166-1 country (alpha-3 code, short, official and common names); the
table adds what pycountry lacks: the names newspapers use ("U.S.", "Britain", "South Korea"),
demonyms ("Colombian") and capitals used as metonyms ("Washington said", "Bogotá responded").
`places` are first-level subdivisions from pycountry (states, provinces, departments; names
shared by two countries or that are generic words are left out) and the big cities in CITIES:
they locate an actor in a country ("police in Medellín", "the Florida legislature").
Each table line is `ISO3 | extra names | demonyms | capitals`, items separated by commas.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pycountry
import yaml

TABLE = """
AFG | Afghanistan | Afghan | Kabul
ALB | Albania | Albanian | Tirana
DZA | Algeria | Algerian | Algiers
AND | Andorra | Andorran | Andorra la Vella
AGO | Angola | Angolan | Luanda
ATG | Antigua and Barbuda, Antigua | Antiguan | St. John's
ARG | Argentina | Argentine, Argentinian, Argentinean | Buenos Aires
ARM | Armenia | Armenian | Yerevan
AUS | Australia | Australian | Canberra
AUT | Austria | Austrian | Vienna
AZE | Azerbaijan | Azerbaijani, Azeri | Baku
BHS | Bahamas, The Bahamas | Bahamian | Nassau
BHR | Bahrain | Bahraini | Manama
BGD | Bangladesh | Bangladeshi | Dhaka
BRB | Barbados | Barbadian, Bajan | Bridgetown
BLR | Belarus, Byelorussia | Belarusian, Belarussian, Byelorussian | Minsk
BEL | Belgium | Belgian |
BLZ | Belize | Belizean | Belmopan
BEN | Benin | Beninese | Porto-Novo, Cotonou
BTN | Bhutan | Bhutanese | Thimphu
BOL | Bolivia | Bolivian | La Paz
BIH | Bosnia and Herzegovina, Bosnia-Herzegovina, Bosnia, BiH | Bosnian | Sarajevo
BWA | Botswana | Botswanan, Motswana | Gaborone
BRA | Brazil | Brazilian | Brasilia, Brasília
BRN | Brunei, Brunei Darussalam | Bruneian | Bandar Seri Begawan
BGR | Bulgaria | Bulgarian | Sofia
BFA | Burkina Faso | Burkinabe, Burkinabè | Ouagadougou
BDI | Burundi | Burundian | Gitega, Bujumbura
CPV | Cape Verde, Cabo Verde | Cape Verdean | Praia
KHM | Cambodia, Kampuchea | Cambodian, Khmer | Phnom Penh
CMR | Cameroon | Cameroonian | Yaounde, Yaoundé
CAN | Canada | Canadian | Ottawa
CAF | Central African Republic, CAR | Central African | Bangui
TCD | Chad | Chadian | N'Djamena, Ndjamena
CHL | Chile | Chilean | Santiago
CHN | China, People's Republic of China, PRC, mainland China | Chinese | Beijing, Peking
COL | Colombia | Colombian | Bogotá, Bogota
COM | Comoros | Comoran, Comorian | Moroni
COG | Republic of the Congo, Congo-Brazzaville, Congo Republic |  | Brazzaville
COD | Democratic Republic of the Congo, Democratic Republic of Congo, DR Congo, DRC, D.R.C., Congo-Kinshasa, Congo, Zaire | Congolese | Kinshasa
CRI | Costa Rica | Costa Rican | San Jose, San José
CIV | Ivory Coast, Côte d'Ivoire, Cote d'Ivoire | Ivorian | Yamoussoukro, Abidjan
HRV | Croatia | Croatian, Croat | Zagreb
CUB | Cuba | Cuban | Havana
CYP | Cyprus | Cypriot | Nicosia
CZE | Czech Republic, Czechia | Czech | Prague
DNK | Denmark | Danish, Dane | Copenhagen
DJI | Djibouti | Djiboutian | Djibouti City
DMA | Dominica |  | Roseau
DOM | Dominican Republic | Dominican | Santo Domingo
ECU | Ecuador | Ecuadorian, Ecuadorean | Quito
EGY | Egypt | Egyptian | Cairo
SLV | El Salvador | Salvadoran, Salvadorean | San Salvador
GNQ | Equatorial Guinea | Equatorial Guinean, Equatoguinean | Malabo
ERI | Eritrea | Eritrean | Asmara
EST | Estonia | Estonian | Tallinn
SWZ | Eswatini, Swaziland | Swazi, Eswatini | Mbabane
ETH | Ethiopia | Ethiopian | Addis Ababa
FJI | Fiji | Fijian | Suva
FIN | Finland | Finnish | Helsinki
FRA | France | French | Paris, Élysée, Elysee, Élysée Palace, Elysee Palace, Quai d'Orsay
GAB | Gabon | Gabonese | Libreville
GMB | Gambia, The Gambia | Gambian | Banjul
GEO | Georgia | Georgian | Tbilisi
DEU | Germany, West Germany | German | Berlin
GHA | Ghana | Ghanaian | Accra
GRC | Greece | Greek | Athens
GRD | Grenada | Grenadian | St. George's
GTM | Guatemala | Guatemalan | Guatemala City
GIN | Guinea, Guinea-Conakry | Guinean | Conakry
GNB | Guinea-Bissau | Bissau-Guinean | Bissau
GUY | Guyana | Guyanese |
HTI | Haiti | Haitian | Port-au-Prince
HND | Honduras | Honduran | Tegucigalpa
HUN | Hungary | Hungarian | Budapest
ISL | Iceland | Icelandic, Icelander | Reykjavik, Reykjavík
IND | India | Indian | New Delhi
IDN | Indonesia | Indonesian | Jakarta
IRN | Iran, Islamic Republic of Iran | Iranian | Tehran, Teheran
IRQ | Iraq | Iraqi | Baghdad
IRL | Ireland, Republic of Ireland, Eire | Irish | Dublin
ISR | Israel | Israeli | Jerusalem, Tel Aviv
ITA | Italy | Italian | Rome
JAM | Jamaica | Jamaican | Kingston
JPN | Japan | Japanese | Tokyo
JOR | Jordan | Jordanian | Amman
KAZ | Kazakhstan | Kazakh, Kazakhstani | Astana, Nur-Sultan
KEN | Kenya | Kenyan | Nairobi
KIR | Kiribati | I-Kiribati | Tarawa
PRK | North Korea, DPRK, Democratic People's Republic of Korea | North Korean | Pyongyang
KOR | South Korea, Republic of Korea, ROK, Korea | South Korean, Korean | Seoul
XKX | Kosovo | Kosovar, Kosovan | Pristina, Prishtina
KWT | Kuwait | Kuwaiti | Kuwait City
KGZ | Kyrgyzstan, Kyrgyz Republic, Kirghizia | Kyrgyz, Kyrgyzstani | Bishkek
LAO | Laos, Lao PDR | Laotian, Lao | Vientiane
LVA | Latvia | Latvian | Riga
LBN | Lebanon | Lebanese | Beirut
LSO | Lesotho | Basotho, Mosotho | Maseru
LBR | Liberia | Liberian | Monrovia
LBY | Libya | Libyan | Tripoli
LIE | Liechtenstein | Liechtensteiner | Vaduz
LTU | Lithuania | Lithuanian | Vilnius
LUX | Luxembourg | Luxembourgish, Luxembourger |
MDG | Madagascar | Malagasy, Madagascan | Antananarivo
MWI | Malawi | Malawian | Lilongwe
MYS | Malaysia | Malaysian | Kuala Lumpur, Putrajaya
MDV | Maldives | Maldivian | Malé
MLI | Mali | Malian | Bamako
MLT | Malta | Maltese | Valletta
MHL | Marshall Islands | Marshallese | Majuro
MRT | Mauritania | Mauritanian | Nouakchott
MUS | Mauritius | Mauritian | Port Louis
MEX | Mexico | Mexican | Mexico City
FSM | Micronesia, Federated States of Micronesia | Micronesian | Palikir
MDA | Moldova | Moldovan | Chisinau, Chișinău
MCO | Monaco | Monegasque |
MNG | Mongolia | Mongolian | Ulaanbaatar, Ulan Bator
MNE | Montenegro | Montenegrin | Podgorica
MAR | Morocco | Moroccan | Rabat
MOZ | Mozambique | Mozambican | Maputo
MMR | Myanmar, Burma | Burmese, Myanmarese | Naypyidaw, Naypyitaw, Yangon, Rangoon
NAM | Namibia | Namibian | Windhoek
NRU | Nauru | Nauruan |
NPL | Nepal | Nepali, Nepalese | Kathmandu
NLD | Netherlands, The Netherlands, Holland | Dutch | Amsterdam, The Hague
NZL | New Zealand | New Zealander | Wellington
NIC | Nicaragua | Nicaraguan | Managua
NER | Niger | Nigerien | Niamey
NGA | Nigeria | Nigerian | Abuja
MKD | North Macedonia, Macedonia, FYROM | Macedonian, North Macedonian | Skopje
NOR | Norway | Norwegian | Oslo
OMN | Oman | Omani | Muscat
PAK | Pakistan | Pakistani | Islamabad
PLW | Palau | Palauan | Ngerulmud
PSE | Palestine, Palestinian territories, Palestinian Territories, State of Palestine, West Bank, Gaza, Gaza Strip, Palestinian Authority | Palestinian | Ramallah
PAN | Panama | Panamanian | Panama City
PNG | Papua New Guinea, PNG | Papua New Guinean | Port Moresby
PRY | Paraguay | Paraguayan | Asuncion, Asunción
PER | Peru | Peruvian | Lima
PHL | Philippines, The Philippines | Filipino, Philippine | Manila
POL | Poland | Polish | Warsaw
PRT | Portugal | Portuguese | Lisbon
QAT | Qatar | Qatari | Doha
ROU | Romania | Romanian | Bucharest
RUS | Russia, Russian Federation, Soviet Union, USSR, U.S.S.R. | Russian, Soviet | Moscow, Kremlin, the Kremlin
RWA | Rwanda | Rwandan, Rwandese | Kigali
KNA | Saint Kitts and Nevis, St. Kitts and Nevis, St Kitts and Nevis | Kittitian, Nevisian | Basseterre
LCA | Saint Lucia, St. Lucia, St Lucia | Saint Lucian, St. Lucian | Castries
VCT | Saint Vincent and the Grenadines, St. Vincent and the Grenadines, St Vincent | Vincentian | Kingstown
WSM | Samoa | Samoan | Apia
SMR | San Marino | Sammarinese |
STP | Sao Tome and Principe, São Tomé and Príncipe | Santomean | São Tomé, Sao Tome
SAU | Saudi Arabia, Saudi, KSA | Saudi, Saudi Arabian | Riyadh
SEN | Senegal | Senegalese | Dakar
SRB | Serbia, Yugoslavia | Serbian, Serb, Yugoslav | Belgrade
SYC | Seychelles | Seychellois |
SLE | Sierra Leone | Sierra Leonean | Freetown
SGP | Singapore | Singaporean |
SVK | Slovakia, Slovak Republic | Slovak, Slovakian | Bratislava
SVN | Slovenia | Slovenian, Slovene | Ljubljana
SLB | Solomon Islands | Solomon Islander | Honiara
SOM | Somalia | Somali | Mogadishu
ZAF | South Africa | South African | Pretoria, Cape Town
SSD | South Sudan | South Sudanese | Juba
ESP | Spain | Spanish, Spaniard | Madrid
LKA | Sri Lanka, Ceylon | Sri Lankan | Colombo, Sri Jayawardenepura Kotte
SDN | Sudan | Sudanese | Khartoum
SUR | Suriname, Surinam | Surinamese | Paramaribo
SWE | Sweden | Swedish, Swede | Stockholm
CHE | Switzerland | Swiss | Bern, Berne
SYR | Syria, Syrian Arab Republic | Syrian | Damascus
TWN | Taiwan, Republic of China, ROC, Formosa | Taiwanese | Taipei
TJK | Tajikistan | Tajik, Tajikistani | Dushanbe
TZA | Tanzania, United Republic of Tanzania | Tanzanian | Dodoma, Dar es Salaam
THA | Thailand, Siam | Thai | Bangkok
TLS | East Timor, Timor-Leste, Timor Leste | East Timorese, Timorese | Dili
TGO | Togo | Togolese | Lome, Lomé
TON | Tonga | Tongan | Nuku'alofa
TTO | Trinidad and Tobago, Trinidad | Trinidadian, Tobagonian, Trinidadian and Tobagonian | Port of Spain
TUN | Tunisia | Tunisian | Tunis
TUR | Turkey, Türkiye, Turkiye | Turkish, Turk | Ankara
TKM | Turkmenistan | Turkmen | Ashgabat
TUV | Tuvalu | Tuvaluan | Funafuti
UGA | Uganda | Ugandan | Kampala
UKR | Ukraine, the Ukraine | Ukrainian | Kyiv, Kiev
ARE | United Arab Emirates, UAE, U.A.E., Emirates | Emirati | Abu Dhabi
GBR | United Kingdom, UK, U.K., Britain, Great Britain, England, Scotland, Wales, Northern Ireland | British, Briton, Scottish, Welsh, Brit | London, Downing Street, Whitehall, Number 10, No 10
USA | United States, United States of America, U.S., U.S, US, USA, U.S.A., America, the States | American, U.S.-based | Washington, Washington D.C., Washington, D.C.
URY | Uruguay | Uruguayan | Montevideo
UZB | Uzbekistan | Uzbek, Uzbekistani | Tashkent
VUT | Vanuatu | Ni-Vanuatu | Port Vila
VAT | Vatican, Vatican City, Holy See | Vatican |
VEN | Venezuela, Bolivarian Republic of Venezuela | Venezuelan | Caracas, Miraflores
VNM | Vietnam, Viet Nam, North Vietnam | Vietnamese | Hanoi
YEM | Yemen | Yemeni | Sanaa, Sana'a, Aden
ZMB | Zambia | Zambian | Lusaka
ZWE | Zimbabwe | Zimbabwean | Harare
PRI | Puerto Rico | Puerto Rican | San Juan
GRL | Greenland | Greenlandic, Greenlander | Nuuk
HKG | Hong Kong | Hong Konger, Hongkonger |
MAC | Macau, Macao | Macanese |
ESH | Western Sahara | Sahrawi, Sahraoui | Laayoune
"""



# Big cities that are not capitals, by country: "a car bomb in Aleppo", "police in Medellín".
CITIES = """
USA | New York, New York City, Los Angeles, Chicago, Houston, Miami, San Francisco, Boston, Seattle, Detroit, Atlanta, Philadelphia, Dallas, Phoenix, Denver, Las Vegas, San Diego, Mar-a-Lago, Palm Beach, Guantanamo Bay, Guantánamo Bay
CHN | Shanghai, Guangzhou, Shenzhen, Wuhan, Chengdu, Chongqing, Tianjin, Xinjiang, Tibet, Urumqi, Lhasa
IND | Mumbai, Bombay, Kolkata, Calcutta, Chennai, Madras, Bangalore, Bengaluru, Hyderabad, Ahmedabad, Pune, Delhi, Srinagar
PAK | Karachi, Lahore, Peshawar, Quetta, Rawalpindi, Balochistan, Khyber Pakhtunkhwa
RUS | St. Petersburg, Saint Petersburg, Novosibirsk, Yekaterinburg, Vladivostok, Kursk, Belgorod, Chechnya, Grozny, Dagestan, Kaliningrad
UKR | Kharkiv, Kharkov, Odesa, Odessa, Lviv, Donetsk, Luhansk, Lugansk, Mariupol, Bakhmut, Kherson, Zaporizhzhia, Zaporizhia, Dnipro, Crimea, Sevastopol, Donbas, Donbass, Avdiivka, Pokrovsk, Sumy, Chernihiv
XKX | Gjilan, Gnjilane, Prizren, Mitrovica, Peja, Ferizaj, Urosevac
TUR | Istanbul, Izmir, Gaziantep, Diyarbakir, Diyarbakır
SYR | Aleppo, Homs, Idlib, Raqqa, Deraa, Daraa, Deir ez-Zor, Deir al-Zor, Latakia, Hama, Ghouta, Kobani
IRQ | Mosul, Kirkuk, Basra, Erbil, Fallujah, Ramadi, Tikrit, Najaf, Karbala, Sulaymaniyah
LBY | Benghazi, Misrata, Sirte
SAU | Jeddah, Mecca
ARE | Dubai
ISR | Haifa, Tel Aviv, Golan Heights, Eilat, Ashkelon, Sderot
PSE | Rafah, Khan Younis, Khan Yunis, Hebron, Nablus, Jenin, Gaza City, Jabalia, Bethlehem
LBN | Sidon, Baalbek
AFG | Kandahar, Herat, Mazar-i-Sharif, Helmand, Jalalabad
SOM | Kismayo, Puntland, Somaliland
NGA | Lagos, Kano, Maiduguri, Borno, Port Harcourt
COD | Goma, Bukavu, Kasai, Lubumbashi, North Kivu, South Kivu, Ituri
SDN | Darfur, El Fasher, Omdurman, Port Sudan, Kordofan, South Kordofan, Blue Nile
ZAF | Johannesburg, Durban, Soweto
KEN | Mombasa, Kisumu
MAR | Casablanca, Marrakech, Tangier
EGY | Alexandria, Sinai, Suez, Suez Canal, Sharm el-Sheikh
COL | Medellín, Medellin, Cali, Barranquilla, Cartagena, Cúcuta, Cucuta, Catatumbo, Bucaramanga, Buenaventura, Tumaco, Popayán, Popayan, Pasto
MEX | Guadalajara, Monterrey, Tijuana, Ciudad Juárez, Juárez, Juarez, Culiacán, Culiacan, Acapulco, Cancún, Cancun, Sinaloa, Michoacán, Michoacan, Tamaulipas, Chiapas, Guerrero
VEN | Maracaibo, Zulia, Táchira, Tachira, Apure
BRA | São Paulo, Sao Paulo, Rio de Janeiro, Manaus, Belém, Belem, Salvador da Bahia, Porto Alegre
ECU | Guayaquil, Esmeraldas
PER | Cusco, Cuzco, Arequipa
CHL | Valparaíso, Valparaiso, Concepción
JPN | Osaka, Yokohama, Okinawa, Hiroshima, Nagasaki, Fukushima, Kyoto
KOR | Busan, Incheon
PRK | Kaesong, Yongbyon
AUS | Sydney, Melbourne, Brisbane, Perth, Queensland, New South Wales, Victorian
CAN | Toronto, Montreal, Vancouver, Quebec, Ontario, Alberta, British Columbia
ESP | Barcelona, Catalonia, Catalan, Basque Country, Seville, Valencia
ITA | Milan, Naples, Sicily, Lampedusa, Venice, Florence
DEU | Munich, Frankfurt, Hamburg, Cologne, Bavaria
FRA | Marseille, Lyon, Corsica, Strasbourg
CHE | Geneva, Davos, Zurich, Zürich, Lausanne
GBR | Manchester, Glasgow, Edinburgh, Belfast, Liverpool
NLD | Rotterdam
BEL | Antwerp
GRC | Thessaloniki, Lesbos
MMR | Mandalay, Rakhine, Kachin
BGD | Chittagong, Cox's Bazar
VNM | Ho Chi Minh City, Saigon
THA | Phuket, Chiang Mai
PHL | Mindanao, Marawi, Cebu
IDN | Bali, Papua, Aceh, Surabaya
MYS | Sabah, Sarawak, Johor, Penang
HTI | Cap-Haïtien, Cap-Haitien
CUB | Guantanamo
"""

# generic words that some subdivisions are called and that are not names in news text
STOP_PLACES = {
    "central", "capital", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "centre", "center", "coast", "littoral", "plateau", "lakes", "delta", "upper", "lower", "greater",
    "islands", "interior", "highlands", "mountain", "valley", "border", "frontier", "river", "lake",
    "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
    "southwest", "coastal", "national capital", "federal capital territory", "capital district",
    "distrito capital", "distrito federal", "federal district", "city", "victoria", "georgia",
    "washington", "colon", "santa cruz", "san juan", "la paz", "guatemala", "panama", "mexico", "sucre",
    "cordoba", "rosario", "salvador", "mercury", "independence", "liberty", "progress", "union",
    "atlantico", "atlantic", "pacific", "oriental", "occidental", "norte", "sur", "este", "oeste",
    "amazonas", "punjab", "luxembourg", "limburg", "kosovo", "gaza", "jerusalem", "nord", "sud",
    "est", "ouest", "centre-est", "centre-nord", "centre-sud", "hauts-bassins", "mid", "midlands",
    "orange", "garden", "phoenix", "trinity", "western area", "northern province", "maritime", "centrale",
    "southern province", "eastern province", "central province", "western province", "jordan",
    "alexandria", "kingston", "pool", "gulf", "unity", "meta", "cesar", "magdalena", "caldas", "bali", "moscow", "bogota", "lima", "quito", "buenos aires", "santiago",
}


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(",") if item.strip()]


def _table() -> dict[str, tuple[list[str], list[str], list[str]]]:
    rows = {}
    for line in TABLE.strip().splitlines():
        code, names, demonyms, capitals = (part.strip() for part in line.split("|"))
        rows[code] = (_split(names), _split(demonyms), _split(capitals))
    return rows


def _pycountry_names(country) -> list[str]:
    names = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if value and "," not in value and "(" not in value:
            names.append(value)
    if not names:  # "Bonaire, Sint Eustatius and Saba", "Virgin Islands (British)"
        names.append(country.name.split(",")[0].split(" (")[0])
    return names


# first-level subdivision types that are regions people write about (not municipalities/parishes)
PLACE_TYPES = {
    "Province", "Region", "State", "Department", "Governorate", "Prefecture", "Autonomous region",
    "Autonomous community", "Republic", "Land", "Voivodship", "Federal district", "Oblast",
    "Autonomous republic", "Emirate", "Territory", "Administrative region", "Autonomous province",
    "Union territory", "Autonomous district", "Federal territory", "Capital district", "Autonomous city",
    "Country", "Nation",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def _places(taken: set[str]) -> dict[str, list[str]]:
    """Cities (table) and first-level subdivisions (pycountry) → country, skipping names that are
    ambiguous between countries, generic words, or already a country's name, demonym or capital."""
    places: dict[str, list[str]] = {}
    owners: dict[str, set[str]] = {}
    candidates: list[tuple[str, str]] = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in PLACE_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        name = re.sub(r"\s*\(.*?\)", "", sub.name).split(",")[0].strip()
        if len(name) < 4 or any(ch.isdigit() for ch in name) or _fold(name) in STOP_PLACES:
            continue
        candidates.append((country.alpha_3, name))
    for code, name in candidates:
        owners.setdefault(_fold(name), set()).add(code)
    for code, name in candidates:
        key = _fold(name)
        if len(owners[key]) > 1 or key in taken:
            continue
        places.setdefault(code, []).append(name)
    for line in CITIES.strip().splitlines():
        code, cities = (part.strip() for part in line.split("|"))
        for city in _split(cities):
            if _fold(city) not in taken:
                places.setdefault(code, []).append(city)
    return {code: list(dict.fromkeys(names)) for code, names in places.items()}


def build() -> list[dict]:
    table = _table()
    taken = {_fold(n) for names, dems, caps in table.values() for n in names + dems + caps}
    for country in pycountry.countries:
        taken.update(_fold(n) for n in _pycountry_names(country))
    places = _places(taken)
    entries = []
    seen = set()
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        seen.add(code)
        names, demonyms, capitals = table.get(code, ([], [], []))
        all_names = list(dict.fromkeys(names + _pycountry_names(country)))
        entries.append(_entry(code, all_names, demonyms, capitals, places.get(code, [])))
    for code, (names, demonyms, capitals) in table.items():
        if code not in seen:  # Kosovo (XKX) is not in ISO 3166-1 but is in common use
            entries.append(_entry(code, names, demonyms, capitals, places.get(code, [])))
    return entries


def _entry(code, names, demonyms, capitals, places) -> dict:
    entry = {"code": code, "name": names[0], "names": names}
    if demonyms:
        entry["demonyms"] = demonyms
    if capitals:
        entry["capitals"] = capitals
    if places:
        entry["places"] = places
    return entry


def main() -> None:
    out = Path(__file__).with_name("countries.yaml")
    header = ("# Generated by build_countries.py from pycountry and its table; edit the table and rerun.\n"
              "# code: ISO 3166-1 alpha-3 (XKX for Kosovo); names, demonyms and capital metonyms as written in news.\n")
    body = yaml.safe_dump({"countries": build()}, allow_unicode=True, sort_keys=False, width=200)
    out.write_text(header + re.sub(r"\n- ", "\n\n- ", body), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

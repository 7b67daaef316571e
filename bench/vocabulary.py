"""Word lists the synthetic corpus is made from: places, people, programmes and sentence parts.

Plain data only; corpus.py combines it with a seeded random generator. Placeholders in
braces ({city}, {prog}, {acr}, {host}) are filled per case; {num}, {year} and {pct} when
a sentence pool is drawn.
"""

from __future__ import annotations

# Korean metropolitan cities first, then districts, each after its parent:
# (slug, name, name in Hangul, parent slug or "").
KOREAN_PLACES = [
    ("seoul", "Seoul", "서울특별시", ""), ("songpa-gu", "Songpa-gu", "송파구", "seoul"),
    ("busan", "Busan", "부산광역시", ""), ("haeundae-gu", "Haeundae-gu", "해운대구", "busan"),
    ("seocho-gu", "Seocho-gu", "서초구", "seoul"), ("incheon", "Incheon", "인천광역시", ""),
    ("yeonsu-gu", "Yeonsu-gu", "연수구", "incheon"), ("gangnam-gu", "Gangnam-gu", "강남구", "seoul"),
    ("daegu", "Daegu", "대구광역시", ""), ("suseong-gu", "Suseong-gu", "수성구", "daegu"),
    ("sejong", "Sejong", "세종특별자치시", ""), ("mapo-gu", "Mapo-gu", "마포구", "seoul"),
    ("gwangju", "Gwangju", "광주광역시", ""), ("gwangsan-gu", "Gwangsan-gu", "광산구", "gwangju"),
    ("daejeon", "Daejeon", "대전광역시", ""), ("yuseong-gu", "Yuseong-gu", "유성구", "daejeon"),
    ("ulsan", "Ulsan", "울산광역시", ""), ("ulju-gun", "Ulju-gun", "울주군", "ulsan"),
    ("suwon", "Suwon", "수원시", ""), ("jeonju", "Jeonju", "전주시", ""),
    ("gwanak-gu", "Gwanak-gu", "관악구", "seoul"), ("nowon-gu", "Nowon-gu", "노원구", "seoul"),
    ("eunpyeong-gu", "Eunpyeong-gu", "은평구", "seoul"), ("seongdong-gu", "Seongdong-gu", "성동구", "seoul"),
    ("dobong-gu", "Dobong-gu", "도봉구", "seoul"), ("jongno-gu", "Jongno-gu", "종로구", "seoul"),
    ("yangcheon-gu", "Yangcheon-gu", "양천구", "seoul"), ("gangdong-gu", "Gangdong-gu", "강동구", "seoul"),
    ("seodaemun-gu", "Seodaemun-gu", "서대문구", "seoul"), ("yeongdeungpo-gu", "Yeongdeungpo-gu", "영등포구", "seoul"),
    ("gwangjin-gu", "Gwangjin-gu", "광진구", "seoul"), ("dongjak-gu", "Dongjak-gu", "동작구", "seoul"),
    ("suyeong-gu", "Suyeong-gu", "수영구", "busan"), ("busanjin-gu", "Busanjin-gu", "부산진구", "busan"),
    ("saha-gu", "Saha-gu", "사하구", "busan"), ("geumjeong-gu", "Geumjeong-gu", "금정구", "busan"),
    ("bupyeong-gu", "Bupyeong-gu", "부평구", "incheon"), ("namdong-gu", "Namdong-gu", "남동구", "incheon"),
    ("dalseo-gu", "Dalseo-gu", "달서구", "daegu"),
]
KOREAN_METROS = ["seoul", "busan", "incheon", "daegu", "gwangju", "daejeon", "ulsan"]
# Syllables for more districts: (Hangul, romanisation).
KOREAN_SYLLABLES = [
    ("송", "song"), ("파", "pa"), ("서", "seo"), ("초", "cho"), ("강", "gang"), ("남", "nam"), ("동", "dong"),
    ("북", "buk"), ("성", "seong"), ("산", "san"), ("양", "yang"), ("천", "cheon"), ("원", "won"), ("수", "su"),
    ("영", "yeong"), ("도", "do"), ("광", "gwang"), ("진", "jin"), ("마", "ma"), ("포", "po"), ("은", "eun"),
    ("평", "pyeong"), ("안", "an"), ("해", "hae"), ("대", "dae"), ("금", "geum"), ("화", "hwa"), ("청", "cheong"),
    ("미", "mi"), ("하", "ha"), ("용", "yong"), ("덕", "deok"),
]
KOREAN_SUFFIXES = [("구", "gu"), ("구", "gu"), ("군", "gun"), ("시", "si")]

# (slug, name, local name or "", country, region, currency)
WORLD_PLACES = [
    ("sao-paulo", "São Paulo", "", "BR", "South America", "BRL"),
    ("zurich", "Zürich", "", "CH", "Europe", "CHF"),
    ("krakow", "Kraków", "", "PL", "Europe", "PLN"),
    ("ha-noi", "Hà Nội", "", "VN", "Southeast Asia", "VND"),
    ("montreal", "Montréal", "", "CA", "North America", "CAD"),
    ("bogota", "Bogotá", "", "CO", "South America", "COP"),
    ("yokohama", "Yokohama", "横浜市", "JP", "East Asia", "JPY"),
    ("hangzhou", "Hangzhou", "杭州市", "CN", "East Asia", "CNY"),
    ("gdansk", "Gdańsk", "", "PL", "Europe", "PLN"),
    ("da-nang", "Đà Nẵng", "", "VN", "Southeast Asia", "VND"),
    ("munich", "Munich", "München", "DE", "Europe", "EUR"),
    ("lisbon", "Lisbon", "Lisboa", "PT", "Europe", "EUR"),
    ("reykjavik", "Reykjavík", "", "IS", "Europe", "ISK"),
    ("medellin", "Medellín", "", "CO", "South America", "COP"),
    ("malmo", "Malmö", "", "SE", "Europe", "SEK"),
    ("lodz", "Łódź", "", "PL", "Europe", "PLN"),
    ("quebec", "Québec", "", "CA", "North America", "CAD"),
    ("cologne", "Cologne", "Köln", "DE", "Europe", "EUR"),
    ("istanbul", "Istanbul", "İstanbul", "TR", "Europe", "TRY"),
    ("timisoara", "Timișoara", "", "RO", "Europe", "RON"),
    ("pecs", "Pécs", "", "HU", "Europe", "HUF"),
    ("plzen", "Plzeň", "", "CZ", "Europe", "CZK"),
    ("tromso", "Tromsø", "", "NO", "Europe", "NOK"),
    ("aarhus", "Aarhus", "Århus", "DK", "Europe", "DKK"),
    ("espoo", "Espoo", "", "FI", "Europe", "EUR"),
    ("orleans", "Orléans", "", "FR", "Europe", "EUR"),
    ("besancon", "Besançon", "", "FR", "Europe", "EUR"),
    ("evora", "Évora", "", "PT", "Europe", "EUR"),
    ("malaga", "Málaga", "", "ES", "Europe", "EUR"),
    ("cordoba", "Córdoba", "", "AR", "South America", "ARS"),
    ("valparaiso", "Valparaíso", "", "CL", "South America", "CLP"),
    ("queretaro", "Querétaro", "", "MX", "North America", "MXN"),
    ("merida", "Mérida", "", "MX", "North America", "MXN"),
    ("kyoto", "Kyoto", "京都市", "JP", "East Asia", "JPY"),
    ("chengdu", "Chengdu", "成都市", "CN", "East Asia", "CNY"),
    ("bengaluru", "Bengaluru", "ಬೆಂಗಳೂರು", "IN", "South Asia", "INR"),
    ("surabaya", "Surabaya", "", "ID", "Southeast Asia", "IDR"),
    ("chiang-mai", "Chiang Mai", "เชียงใหม่", "TH", "Southeast Asia", "THB"),
    ("quezon-city", "Quezon City", "Lungsod Quezon", "PH", "Southeast Asia", "PHP"),
    ("melbourne", "Melbourne", "", "AU", "Oceania", "AUD"),
    ("wellington", "Wellington", "Te Whanganui-a-Tara", "NZ", "Oceania", "NZD"),
    ("cape-town", "Cape Town", "Kaapstad", "ZA", "Africa", "ZAR"),
    ("nairobi", "Nairobi", "", "KE", "Africa", "KES"),
    ("lagos", "Lagos", "", "NG", "Africa", "NGN"),
    ("rabat", "Rabat", "الرباط", "MA", "Africa", "MAD"),
    ("montevideo", "Montevideo", "", "UY", "South America", "UYU"),
    ("arequipa", "Arequipa", "", "PE", "South America", "PEN"),
    ("thessaloniki", "Thessaloníki", "Θεσσαλονίκη", "GR", "Europe", "EUR"),
    ("ljubljana", "Ljubljana", "", "SI", "Europe", "EUR"),
    ("tartu", "Tartu", "", "EE", "Europe", "EUR"),
    ("almaty", "Almaty", "Алматы", "KZ", "Central Asia", "KZT"),
    ("ulaanbaatar", "Ulaanbaatar", "Улаанбаатар", "MN", "East Asia", "MNT"),
    ("colombo", "Colombo", "කොළඹ", "LK", "South Asia", "LKR"),
    ("kathmandu", "Kathmandu", "काठमाडौं", "NP", "South Asia", "NPR"),
    ("glasgow", "Glasgow", "Glaschu", "GB", "Europe", "GBP"),
    ("cork", "Cork", "Corcaigh", "IE", "Europe", "EUR"),
    ("eindhoven", "Eindhoven", "", "NL", "Europe", "EUR"),
    ("wien", "Vienna", "Wien", "AT", "Europe", "EUR"),
    ("singapore", "Singapore", "新加坡", "SG", "Southeast Asia", "SGD"),
    ("tokyo", "Tokyo", "東京都", "JP", "East Asia", "JPY"),
]

# Invented place names by country: (country, region, currency, prefixes, stems, suffixes).
FLAVOURS = [
    ("BR", "South America", "BRL", ["São ", "Santa ", "Vila ", "Porto ", ""],
     ["Joaquim", "Itaú", "Araçá", "Piracema", "Campo Belo", "Jacaré", "Paraná"],
     ["", " do Sul", " da Serra", "ópolis"]),
    ("PL", "Europe", "PLN", ["", "Nowy ", "Stary "], ["Krasn", "Brzez", "Łęcz", "Wiel", "Gród", "Żyr", "Sław"],
     ["ów", "ice", "no", "ówek", "ewo"]),
    ("DE", "Europe", "EUR", ["", "Bad ", "Ober", "Nieder"], ["mühl", "günz", "rosen", "lauf", "wald", "königs"],
     ["burg", "dorf", "hausen", "feld", "stadt"]),
    ("FR", "Europe", "EUR", ["Saint-", "Sainte-", "La ", ""], ["Étienne", "Rivière", "Belle", "Mont", "Châtel", "Grés"],
     ["ville", "-sur-Mer", "-les-Bains", "court", ""]),
    ("VN", "Southeast Asia", "VND", ["Thành ", "Hòa ", "Bình ", "Tân ", "Long "],
     ["Đông", "Phú", "An", "Hưng", "Thủy", "Lộc", "Xuân"], ["", " Hải", " Sơn", " Điền"]),
    ("SE", "Europe", "SEK", [""], ["Strö", "Fjäll", "Åker", "Sjö", "Lind", "Björk", "Väster"],
     ["by", "vik", "ås", "holm", "stad", "köping"]),
    ("NO", "Europe", "NOK", [""], ["Strøm", "Fjell", "Bjørn", "Sand", "Haug", "Lø"],
     ["vik", "øy", "dal", "nes", "sund"]),
    ("TR", "Europe", "TRY", ["", "Yeni", "Eski"], ["Çam", "Gül", "Kara", "Akşe", "Ilı", "Söke", "Bağ"],
     ["lı", "pınar", "köy", "dere", "hisar"]),
    ("MX", "North America", "MXN", ["San ", "Santa ", "Villa "],
     ["Tomás", "Ramón", "Andrés", "Lucía", "Jesús", "Inés"],
     ["", " de Arriba", " del Río", " de la Sierra"]),
    ("ES", "Europe", "EUR", ["", "Villa"], ["Almerí", "Cáceres", "Logroñ", "Alcalá", "Jaén", "Ourens"],
     ["", "o", "a", "ejo"]),
    ("IN", "South Asia", "INR", [""], ["Chandra", "Vishnu", "Raja", "Hari", "Kamal", "Shiv", "Ganga"],
     ["pur", "nagar", "abad", "puram", "garh"]),
    ("KE", "Africa", "KES", [""], ["Nyeri", "Kisu", "Embu", "Malin", "Kitu", "Narok"], ["", "ni", "ru", "wa"]),
]
# Japanese and Chinese place names with their local script: (romanisation, characters).
JAPANESE_PARTS = ([("Kawa", "川"), ("Yama", "山"), ("Naka", "中"), ("Hara", "原"), ("Mori", "森"), ("Taka", "高"),
                   ("Nishi", "西"), ("Higashi", "東")],
                  [("saki", "崎"), ("hama", "浜"), ("mura", "村"), ("no", "野"), ("shima", "島"), ("da", "田")])
CHINESE_PARTS = [("Jiang", "江"), ("Hai", "海"), ("Shan", "山"), ("Nan", "南"), ("Bei", "北"), ("Dong", "东"),
                 ("Xi", "西"), ("Ning", "宁"), ("An", "安"), ("Yang", "阳"), ("Lin", "林"), ("Hua", "华")]

TLDS = {"KR": "go.kr", "JP": "lg.jp", "CN": "gov.cn", "BR": "gov.br", "GB": "gov.uk", "IN": "gov.in", "MX": "gob.mx",
        "AU": "gov.au", "NZ": "govt.nz", "ZA": "gov.za", "TR": "bel.tr", "VN": "gov.vn"}
PHONE_CODES = {"KR": "82", "JP": "81", "CN": "86", "BR": "55", "CH": "41", "PL": "48", "VN": "84", "CA": "1",
               "CO": "57", "DE": "49", "PT": "351", "IS": "354", "SE": "46", "TR": "90", "RO": "40", "HU": "36",
               "CZ": "420",
               "NO": "47", "DK": "45", "FI": "358", "FR": "33", "ES": "34", "AR": "54", "CL": "56", "MX": "52",
               "IN": "91", "ID": "62", "TH": "66", "PH": "63", "AU": "61", "NZ": "64", "ZA": "27", "KE": "254",
               "NG": "234", "MA": "212", "UY": "598", "PE": "51", "GR": "30", "SI": "386", "EE": "372", "KZ": "7",
               "MN": "976", "LK": "94", "NP": "977", "GB": "44", "IE": "353", "NL": "31", "AT": "43", "SG": "65"}
MEMBERSHIPS = ["UNESCO Global Network of Learning Cities", "CityNet", "WeGO", "UCLG", "Metropolis", "ICLEI",
               "Eurocities", "Mercociudades", "Creative Cities Network", "Healthy Cities"]

KOREAN_SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Yang"]
KOREAN_GIVEN = ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Jeong-eun", "Hyun-woo", "Su-bin", "Ye-jin"]
GIVEN_NAMES = ["Ana", "João", "Marta", "Piotr", "Agnieszka", "Lukas", "Sophie", "Camille", "Thi Lan", "Minh", "Javier",
               "Lucía", "Aiko", "Hiroshi", "Wei", "Li Na", "Priya", "Arjun", "Amara", "Kwame", "Élodie", "Zoë",
               "Søren", "Åsa", "Emre", "Ayşe", "Grace", "Tomás"]
SURNAMES = ["Silva", "Kowalska", "Müller", "Dubois", "Nguyễn", "García", "Tanaka", "Wang", "Sharma", "Okafor",
            "Andersen", "Yılmaz", "Novák", "Rossi", "Smith", "Lefèvre", "Ó Briain", "Petrović", "Santos"]
ROLES = ["Director of Lifelong Learning", "Programme Manager", "Grade-7 civil servant", "Head of Education Policy",
         "Project Officer", "Senior Researcher", "Digital Government Adviser", "Deputy Mayor for Education"]
OFFICES = ["City Hall, Education Division", "Office of Lifelong Learning", "Department of Digital Services",
           "Human Resource Development Center", "Youth and Family Bureau", "International Relations Team"]
STAKEHOLDERS = ["Residents of every age", "Primary and secondary schools", "Local universities", "Public libraries",
                "Community learning centres", "Parents' associations", "Small businesses", "Migrant support groups",
                "Senior citizens' centres", "Civil servants", "Youth centres", "Volunteer tutors",
                "The national ministry of education", "Employers' federation"]
PARTNERS = ["UNESCO Institute for Lifelong Learning", "CityNet", "WeGO", "The World Bank", "National Information "
            "Society Agency", "KOICA", "OECD", "Local chamber of commerce", "Regional development agency", "UN-Habitat"]
PUBLISHERS = ["CityNet", "UNESCO Institute for Lifelong Learning", "WeGO", "OECD", "UCLG", "Metropolis", "World Bank",
              "UN-Habitat", "ICLEI", "{city} City Government"]
BUDGET_PAYERS = ["National budget", "Municipal budget", "District budget", "Provincial budget", "European Union funds",
                 "Private sponsors", "International donors", "Participant fees", "Foundation grants"]

PROG_ADJ = ["Smart", "Digital", "Open", "Lifelong", "Green", "Inclusive", "Future", "Community", "Youth", "Civic",
            "Global", "Mobile", "Neighbourhood", "Creative"]
PROG_TOPIC = ["Learning", "Skills", "Education", "Career", "Coding", "E-Government", "Data Literacy", "Language",
              "Teacher", "Talent", "Reading", "Innovation", "Science", "Arts"]
PROG_FORMAT = ["Academy", "Campus", "Lab", "Passport", "Network", "Programme", "Initiative", "Hub", "School",
               "Centres", "Platform", "Model", "Fellowship", "Exchange"]
AUDIENCES = ["", "", "", " for Older Adults", " for Migrant Families", " for Civil Servants",
             " for Out-of-School Youth", " for Women Returning to Work", " for People with Disabilities",
             " for Small Businesses"]
KOREAN_PROG = ["평생학습", "스마트 교육", "미래교육", "진로교육", "디지털 배움터", "마을교육공동체"]
KOREAN_KEYWORDS = ["평생학습", "평생교육", "자기주도학습", "미래교육", "진로교육", "디지털 포용", "스마트시티",
                   "전자정부", "청소년", "마을교육공동체", "학습도시"]
KEYWORDS = ["learning city", "lifelong learning", "digital inclusion", "e-government", "adult education", "coding",
            "career guidance", "civil service training", "open data", "COVID-19", "community centres", "mentoring",
            "smart city", "youth", "older adults", "migrants", "libraries", "teacher training", "SDG 4"]

SYLLABLES = ["ka", "lo", "mi", "ra", "ve", "su", "ta", "no", "ri", "el", "an", "bo", "de", "fi", "ga", "ho", "ju",
             "ne", "or", "pe", "sa", "ti", "ul", "za"]

# ---- sentence parts ------------------------------------------------------------------------------
BG_OPEN = ["In {year},", "Since {year},", "Over the last decade,", "Before the programme began,", "By {year},",
           "According to the city's own survey,", "As in many cities of its size,", "After the COVID-19 pandemic,", ""]
BG_SUBJ = ["{city}", "the city", "the local government", "the education office", "the district", "residents",
           "the municipal council", "schools in the area", "the city administration", "employers in {city}"]
BG_VERB = ["faced", "reported", "recorded", "identified", "struggled with", "noted", "saw", "documented"]
BG_OBJ = ["a widening gap in digital skills between age groups", "falling enrolment in adult education courses",
          "a shortage of qualified teachers in {num} schools", "long waiting lists for vocational training",
          "low participation of migrant residents in public services", "rising demand for evening and weekend classes",
          "uneven access to broadband in outlying neighbourhoods", "a fragmented offer of courses from {num} providers",
          "growing numbers of young people not in education or work", "an ageing population with few places to learn",
          "a {pct}% drop in library visits", "the closure of {num} community learning centres",
          "high turnover among junior civil servants", "limited use of its open data portal"]
BG_TAIL = [".", " in most neighbourhoods.", ", especially among older residents.",
           " across {num} administrative units.", ", according to national statistics.",
           " despite several earlier initiatives.", ", which shaped {prog}.",
           " and set up {prog} in response."]
CH_HEAD = ["Limited", "Unequal", "Insufficient", "Fragmented", "Uncertain", "Declining", "Slow", "Scattered"]
CH_BODY = ["funding for community learning centres", "access to devices for low-income households",
           "coordination between national and local agencies", "data on who takes part in courses",
           "time for working parents to study", "trust in online public services", "space for after-school activities",
           "digital skills among staff at the city hall", "awareness of the courses already on offer",
           "recognition of skills learned outside school", "transport to training sites"]
CH_TAIL = ["", "", " in peripheral districts", " after {year}", " for residents over 65", " in {num} villages"]
OBJ_VERB = ["Offer", "Train", "Connect", "Raise", "Reduce", "Give", "Open", "Double", "Measure", "Bring"]
OBJ_BODY = ["free courses to every resident who asks", "{num} civil servants in data-driven policy making",
            "schools, libraries and employers in one network", "participation in lifelong learning to {pct}%",
            "the cost of private tutoring for families", "young people a say in how courses are designed",
            "a learning centre within walking distance of every home",
            "the number of residents with basic digital skills", "what each course achieves, and publish the results",
            "the city's services closer to newcomers"]
OBJ_TAIL = [" by {year}.", " within three years.", " in every neighbourhood.", " for at least {num} residents.", "."]
ACT_SUBJ = ["The city", "{prog}", "The programme team", "Local universities", "Community centres",
            "The district office", "A network of volunteer tutors", "Partner companies", "Public libraries",
            "The {acr} office"]
ACT_VERB = ["runs", "offers", "trained", "opened", "coordinates", "funds", "piloted", "introduced", "expanded"]
ACT_OBJ = ["{num} free courses each term", "a mobile learning bus that visits {num} villages",
           "an online portal where residents book classes", "one-to-one mentoring for first-time learners",
           "weekend coding clubs for teenagers", "a learning account that records every course taken",
           "training for {num} civil servants in data analysis", "language classes for newcomers",
           "evening classes in {num} school buildings", "a help desk for online services",
           "a small grants scheme for resident-led study circles", "career talks given by {num} local professionals"]
ACT_TAIL = [".", " with support from the national ministry.", " in partnership with {num} local employers.",
            ", free of charge for residents on low incomes.",
            " through the `open-learning` API that other services reuse.",
            ", and publishes its results as *open data*.", ", as **{prog}** promised in {year}.",
            ", described on [the programme's page](https://{host}/learning).", " in {num} neighbourhoods."]
ACT_HEADINGS = ["Learning centres in every neighbourhood", "A single online portal", "Mentoring and tutoring",
                "Training for public officials", "Partnerships with employers", "Digital inclusion", "Career guidance",
                "Data and evaluation", "Intergenerational learning", "Community governance", "Outreach to newcomers"]
OUT_SUBJ = ["By {year},", "In its first year,", "An independent evaluation found that", "The city reports that",
            "Surveys show that"]
OUT_BODY = ["{num} residents had completed at least one course", "{pct}% of participants felt more confident online",
            "waiting lists for vocational courses fell by {pct}%", "{num} civil servants had been trained",
            "the share of adults in learning rose to {pct}%", "{num} volunteers were teaching in their neighbourhoods",
            "most learners came back for a second course", "{prog} reached {num} households"]
OUT_TAIL = [".", ", above the target.", ", though fewer men than women took part.", ", with the largest gains among "
            "older residents.", " ({pct}% more than planned)."]
INDICATORS = ["Residents enrolled", "Courses offered", "Learning centres", "Civil servants trained", "Volunteer tutors",
              "Satisfaction (%)", "Online users", "Partner organisations", "Completion rate (%)", "Households reached"]
QUOTES = ["The classes gave me the confidence to apply for a new job.", "For the first time, my parents and I study "
          "at the same centre.", "I learned to book a doctor's appointment online by myself.", "Teaching my neighbours "
          "taught me more than any course I took.", "We finally know which courses people actually finish."]
REP_SENTENCES = ["The model has been shared with {num} other cities through CityNet.", "Its main cost is staff time, "
                 "which makes it easy to adapt.", "Smaller municipalities can start with a single learning centre.",
                 "The course catalogue and the evaluation method are published under an open licence.",
                 "Other districts asked to benchmark {prog} in {year}.", "Details are on [the city's website](https://"
                 "{host}/en/education).", "The key is a small team that works across departments.",
                 "A national law on lifelong learning made the funding stable."]
KO_SUBJ = ["{city_ko}는", "구청은", "시 교육청은", "지역 대학은", "주민자치회는", "평생학습관은", "자원봉사 튜터들은"]
KO_TIME = ["2020년부터", "코로나19 이후", "매년", "주말마다", "지난 3년 동안", ""]
KO_OBJ = ["평생학습 강좌를", "디지털 역량 교육을", "진로 탐색 프로그램을", "방과후 돌봄 서비스를",
          "외국인 주민을 위한 한국어 교실을", "공무원 대상 데이터 분석 교육을", "어르신 스마트폰 교실을",
          "청소년 코딩 동아리를"]
KO_VERB = ["운영한다.", "확대했다.", "시범 도입했다.", "지원하고 있다.", "새롭게 마련했다.", "무료로 제공한다."]

# ---- city profiles (added with corpus.py) -----------------------------------------------------------
CITY_INTRO = ["{city} is a city of about {pop} residents in {region}.",
              "With some {pop} inhabitants, {city} is one of the larger cities of {region}.",
              "{city} has {pop} residents and a young, growing population."]
DISTRICT_INTRO = ["{city} is one of the autonomous districts of {parent}, with {pop} residents.",
                  "{city}, a district of {parent}, is home to {pop} people.",
                  "Of the districts of {parent}, {city} has one of the highest shares of school-age children."]
CITY_MORE = ["Its education office works with {num} schools and a network of community learning centres.",
             "The city administration runs most of its programmes through the {office}.",
             "Lifelong learning has been part of the city's development plan since {year}.",
             "Public libraries and youth centres in {city} offer courses every evening and weekend.",
             "The local government publishes its education budget and results as open data.",
             "Universities in the area train many of the teachers who work in the city's schools.",
             "{city} has hosted study visits for officials from {num} other cities.",
             "Digital services for residents were expanded after {year}, with help desks in every neighbourhood."]
KO_CITY = ["{city_ko}는 평생학습도시로 지정되어 다양한 교육 프로그램을 운영한다.",
           "{city_ko}는 주민 누구나 배울 수 있는 학습 환경을 만들고 있다."]
SUMMARY_VERB = ["runs", "offers", "built", "opened", "coordinates", "funds", "piloted"]
SUMMARY_WHAT = ["free courses, mentoring and an online portal", "training and study visits",
                "a network of neighbourhood learning centres", "digital skills classes and a help desk",
                "career guidance and after-school programmes", "scholarships and exchanges with partner cities",
                "a single platform for every public course", "evening and weekend classes in school buildings"]
SUMMARY_GOAL = ["so that every resident who wants to learn can do so", "to close the digital divide",
                "to help young people find work", "to strengthen the skills of public officials",
                "so that newcomers can use the city's services", "to keep older residents active and connected",
                "to share the city's experience with other cities"]
SOURCE_TITLES = ["{prog}", "Case study: {prog}", "{city}: {prog}", "Good practice report: {prog}",
                 "Learning city profile of {city}"]
LINK_TITLES = ["{prog} on the city's website", "Programme portal", "Annual report", "Course catalogue",
               "Evaluation report", "{acr} on social media", "Open data on {prog}"]
LINK_PATHS = ["education", "lifelong-learning", "en/programmes", "learning/portal", "reports/annual",
              "open-data/education", "courses"]
BUDGET_NOTES = ["Figures from the city's budget for the whole period.", "Amounts as reported by the city; "
                "the total is the exact sum of the sources.", "The budget covers staff, rent and course materials.",
                "Planned budget; actual spending may differ."]

"""A small generated Korean corpus for search tests: a few Korean cities and 14 case studies
written in Korean, with the compounds (평생학습관, 인공지능교육), particles (서울에서, 세종시의)
and city names (송파구, 세종특별자치시) that Pagefind alone cannot split.

`write_corpus(project)` writes them into a conftest.Project; tests/data/search_queries.yaml
(section `corpus`) lists what each query must find. Two cases exist for the ranking test:
gangnam-care-word has the word 돌봄 on its own, gangnam-care-compound only inside compounds.
"""

from __future__ import annotations

from dataclasses import dataclass

CITIES = {
    "songpa-gu": ("Songpa-gu", "송파구", "seoul"),
    "gangnam-gu": ("Gangnam-gu", "강남구", "seoul"),
    "sejong": ("Sejong", "세종특별자치시", None),
    "busan": ("Busan", "부산광역시", None),
    "suwon": ("Suwon-si", "수원시", None),
}


@dataclass(frozen=True)
class KoreanCase:
    slug: str
    city: str
    sdgs: tuple[int, ...]
    title: str
    summary: str
    body: str
    keywords: tuple[str, ...] = ()
    start: int | None = None
    status: str | None = None
    budget: int | None = None


CASES = (
    KoreanCase("suwon-lifelong-learning-hall", "suwon", (4,), "수원시 평생학습관 시민대학",
               "수원시 평생학습관은 시민대학을 열어 누구나 배울 수 있는 평생학습 기회를 만든다.",
               "수원시는 2015년부터 평생학습관을 중심으로 시민대학을 운영한다. 평생교육원과 협력하여 "
               "인문학 강좌와 직업교육을 제공한다.\n\n## 성과\n\n시민대학에서 해마다 3천 명이 넘는 시민이 배운다.",
               ("평생학습관", "시민대학"), 2015, "ongoing", 1_200_000_000),
    KoreanCase("songpa-career-center", "songpa-gu", (4, 8), "송파구 청소년 진로체험지원센터",
               "송파구는 진로체험지원센터를 통해 중학생에게 직업체험과 진로상담을 제공한다.",
               "송파에서 자라는 청소년들이 진로를 스스로 설계하도록 돕는다. 센터는 지역 기업과 함께 "
               "직업체험처를 발굴한다.", ("진로교육",), 2020, "ongoing"),
    KoreanCase("sejong-village-school", "sejong", (4, 11), "마을학교와 주민자치",
               "세종특별자치시의 마을학교는 주민이 직접 가르치고 배우는 공동체 교육이다.",
               "마을학교는 주민자치회가 운영한다. 읍면동마다 마을교사를 양성하고, 아이들은 방과후에 "
               "마을에서 배운다.", (), 2019, "ongoing", 500_000_000),
    KoreanCase("busan-digital-literacy", "busan", (4, 10), "어르신 디지털 문해교육",
               "부산시는 어르신을 위한 디지털문해교육으로 키오스크와 스마트폰 사용법을 가르친다.",
               "복지관과 도서관에서 디지털배움터를 연다. 강사는 어르신에게 모바일뱅킹과 온라인민원 "
               "사용법을 알려준다.", (), 2021, "ongoing", 800_000_000),
    KoreanCase("seoul-ai-classroom", "seoul", (4, 9), "서울 인공지능 교실",
               "서울특별시는 초등학교와 중학교에 인공지능교육 교실을 만든다.",
               "서울에서 운영하는 인공지능교육은 코딩과 데이터 윤리를 함께 다룬다. 교육청과 서울시가 "
               "함께 교사연수를 지원한다.", (), 2023, "ongoing", 2_500_000_000),
    KoreanCase("gangnam-care-word", "gangnam-gu", (4,), "강남구 방과후 프로그램",
               "강남구는 맞벌이 가정의 초등학생을 위해 방과후 돌봄 서비스를 제공한다.",
               "학교가 끝난 뒤 아이들은 돌봄 선생님과 함께 숙제를 하고 책을 읽는다."),
    KoreanCase("gangnam-care-compound", "gangnam-gu", (4,), "강남구 초등 방과후 교실",
               "강남구는 맞벌이 가정의 초등학생을 위해 초등돌봄교실과 마을돌봄센터를 운영한다.",
               "학교가 끝난 뒤 아이들은 선생님과 함께 숙제를 하고 책을 읽는다."),
    KoreanCase("seoul-library-reading", "seoul", (4,), "서울도서관 독서문화 프로그램",
               "서울도서관은 시민 독서모임과 작가와의 대화를 연다.",
               "도서관에서 열리는 독서토론은 누구나 참여할 수 있다. 전자도서관으로 책을 빌릴 수도 있다."),
    KoreanCase("songpa-instrument-library", "songpa-gu", (4,), "악기도서관",
               "악기도서관은 주민에게 악기를 빌려주고 음악교육을 한다.",
               "악기를 배우고 싶은 주민은 누구나 악기도서관에서 바이올린과 기타를 빌릴 수 있다.",
               (), 2019, "ongoing"),
    KoreanCase("sejong-smart-city-lab", "sejong", (9, 11), "스마트시티 리빙랩",
               "시민이 참여하는 스마트시티 리빙랩에서 도시문제를 함께 푼다.",
               "리빙랩에 참여한 시민들은 자율주행버스와 공유자전거를 시험하고 개선안을 낸다.",
               (), 2022, "ongoing", 3_000_000_000),
    KoreanCase("busan-ocean-school", "busan", (4, 14), "해양교육 체험학교",
               "부산광역시교육청과 부산시는 학생들이 바다를 배우는 해양교육 체험학교를 운영했다.",
               "해양수산 분야 진로를 탐색하는 학생들은 요트와 카누를 체험했다.", (), 2018, "completed",
               400_000_000),
    KoreanCase("suwon-english-village", "suwon", (4,), "Suwon Global Village for English learning",
               "수원시는 영어마을에서 초등학생에게 영어체험학습을 제공한다. Children learn English by doing.",
               "The English village runs weekend camps. 영어캠프는 방학마다 열린다."),
    KoreanCase("seoul-civil-servant-training", "seoul", (16, 17), "공무원 국제교육 과정",
               "서울시인재개발원은 개발도상국 공무원에게 서울의 도시행정을 가르친다.",
               "연수생들은 시청과 구청을 방문하고 전자정부 시스템을 배운다.", (), 2010, "ongoing", 900_000_000),
    KoreanCase("gangnam-adult-literacy", "gangnam-gu", (4, 8), "성인 문해교육",
               "강남구평생학습관은 글을 배우지 못한 성인에게 한글교실을 연다.",
               "수강생들은 한글을 배우고 검정고시에 도전한다.", (), 2017, "ongoing"),
)


def city_file(name: str, name_local: str, parent: str | None) -> str:
    parent_line = f"parent: {parent}\n" if parent else ""
    return (f'---\nname: "{name}"\nname_local: "{name_local}"\ncountry: KR\nregion: "East Asia"\n'
            f"{parent_line}---\n{name} ({name_local}).\n")


def case_file(case: KoreanCase, day: int) -> str:
    lines = ["---", f'title: "{case.title}"', f'summary: "{case.summary}"', f"city: {case.city}",
             f"sdgs: [{', '.join(map(str, case.sdgs))}]", f"published: 2025-03-{day:02d}"]
    if case.start or case.status:
        lines.append("period:")
        if case.start:
            lines.append(f"  start: {case.start}")
        if case.status:
            lines.append(f"  status: {case.status}")
    if case.budget is not None:
        lines += ["budget:", f"  total: {case.budget}", "  currency: KRW"]
    if case.keywords:
        lines.append("keywords: [" + ", ".join(f'"{k}"' for k in case.keywords) + "]")
    lines += ["sources:", '  - publisher: "Generated for tests"', "---", "", "## 개요", "", case.body, ""]
    return "\n".join(lines)


def write_corpus(project) -> None:
    """Write the Korean cities and cases into a conftest.Project (which already has Seoul)."""
    for slug, (name, name_local, parent) in CITIES.items():
        project.write(f"content/cities/{slug}.md", city_file(name, name_local, parent))
    for day, case in enumerate(CASES, 1):
        project.write(f"content/cases/{case.slug}.md", case_file(case, day))

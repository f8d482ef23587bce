"""Small generic word lists for the rule baseline and the CRF features.

Only generic lists: the provincial-level divisions of China, common country names, organisation and
place suffixes, and common names of economic indicators. No names were taken from the test article.
"""

from __future__ import annotations

# The 34 provincial-level divisions (23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs),
# with the short names that English news uses.
PROVINCES = (
    "Anhui", "Fujian", "Gansu", "Guangdong", "Guizhou", "Hainan", "Hebei", "Heilongjiang", "Henan", "Hubei",
    "Hunan", "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Qinghai", "Shaanxi", "Shandong", "Shanxi", "Sichuan",
    "Yunnan", "Zhejiang", "Taiwan", "Guangxi", "Inner Mongolia", "Ningxia", "Xinjiang", "Tibet", "Xizang",
    "Beijing", "Chongqing", "Shanghai", "Tianjin", "Hong Kong", "Macao", "Macau",
)  # fmt: skip

COUNTRIES = (
    "China", "Turkey", "Japan", "South Korea", "North Korea", "Korea", "New Zealand", "Australia", "Russia",
    "India", "Germany", "France", "Italy", "Spain", "United Kingdom", "Britain", "United States", "USA",
    "America", "Canada", "Brazil", "Mexico", "Indonesia", "Vietnam", "Thailand", "Malaysia", "Singapore",
    "Philippines", "Pakistan", "Kazakhstan", "Saudi Arabia", "Iran", "Egypt", "South Africa", "Nigeria",
    "Netherlands", "Belgium", "Switzerland", "Sweden", "Norway", "Finland", "Poland", "Ukraine", "Argentina",
    "Chile", "Mongolia", "Europe", "Africa", "Asia", "Latin America", "Middle East", "ASEAN",
)  # fmt: skip

# Words that end a place name ("Weifang City", "Zouping County") and nominal places ("the province").
PLACE_SUFFIXES = ("Province", "City", "County", "District", "Prefecture", "Autonomous Region", "Municipality",
                  "Peninsula", "Town", "Township", "Village", "New Area", "Zone", "Development Zone")  # fmt: skip
# Guidelines 2.6: "our" and "this" are inside a nominal place; "the", "whole" and "entire" are outside.
NOMINAL_PLACES = ("our province", "this province", "our city", "this city", "our country")
NOMINAL_HEADS = ("province", "city", "country", "nation")
# Nominal places that resolve to the article's own province, and to the country.
OWN_PROVINCE = ("our province", "province", "this province")
OWN_COUNTRY = ("country", "our country", "nation")

ORG_SUFFIXES = (
    "Group", "Co.", "Co", "Ltd.", "Ltd", "Company", "Comany", "Corporation", "Corp.", "Inc.", "Bureau",
    "Department", "Commission", "Committee", "Government", "Congress", "Council",
    "Institute", "University", "Bank", "Association", "Administration", "Ministry", "Office", "Factory",
    "Brewery", "Pharma", "Biotech", "Holdings", "Enterprise", "Academy", "Federation", "Chamber",
    "Division", "Oilfield", "Mine", "Plant", "Works",
)  # fmt: skip

PROJECT_SUFFIXES = ("Project", "Base", "Park", "Industrial Park", "Center", "Centre", "Platform", "Hub")  # fmt: skip

# Common names of economic measures (general vocabulary of statistical releases).
INDICATORS = (
    "industrial added value", "added value", "value added", "GDP", "gross domestic product", "output value",
    "output", "investment", "fixed asset investment", "fixed-asset investment", "manufacturing investment",
    "total investment", "revenue", "operating revenue", "total revenue", "profit", "total profit", "profits",
    "exports", "imports", "foreign trade", "total import and export", "retail sales", "tax payment",
    "operating rate", "pass rate", "production capacity", "capacity utilization rate", "transaction volume",
    "general public budget revenue", "fiscal expenditures", "fiscal revenue", "energy consumption",
    "coal consumption", "gas consumption", "daily output", "annual output value", "annual output", "sales",
    "electricity consumption", "power generation", "growth", "growth rate", "contribution rate", "jobs",
    "urban jobs", "employment", "production", "orders", "income", "turnover", "market share", "yield",
)  # fmt: skip

SECTOR_HEADS = ("industry", "industries", "manufacturing", "sector", "sectors", "economy")

PERSON_TITLES = (
    "secretary", "deputy secretary", "director", "deputy director", "director-general", "chairman", "governor",
    "vice governor", "mayor", "general manager", "deputy general manager", "manager", "president",
    "vice president", "chief", "division chief", "reporter", "expert", "head", "minister", "spokesperson",
    "engineer", "chief engineer", "founder", "ceo", "official",
)  # fmt: skip

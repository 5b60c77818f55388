"""The query syntax a lawyer can type, checked and turned into a whoosh query.

Supported: words (stemmed, British and American spellings alike), ``"exact
phrases"``, ``AND`` / ``OR`` / ``NOT`` (upper case; words side by side mean
AND), ``-word`` for NOT, parentheses, ``*`` and ``?`` wildcards, facet fields
(``offence:labour_trafficking``, ``jurisdiction:GBR``, ``issue:non_punishment``,
``level:apex``, ``outcome:conviction``, ``ilo:debt_bondage``), text fields
(``title:rantsev``, ``holdings:"positive obligations"``) and year ranges
(``year:2010..2020``, ``year:2015``, ``year:..2005``, ``year:2019..``).

A malformed query raises :class:`QueryError` with a one-line explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import qparser
from whoosh.fields import Schema
from whoosh.query import And, NullQuery, Phrase, Query, Term

from search_index.analysis import QUESTION_STOP_WORDS, TOKEN_PATTERN
from search_index.documents import FIELD_BOOSTS, TEXT_FIELDS
from search_index.facets import facet_by_alias

OPERATORS = ("AND", "OR", "NOT")
YEAR_RANGE = re.compile(r"^(\d{4})?(?:\.\.(\d{4})?)?$")
_TOKEN = re.compile(r'\s+|"[^"]*"?|\(|\)|[^\s()"]+(?:"[^"]*"?)?')
_PLAIN_WORD = re.compile(r"^[\w*?.'’§/-]+$")
_FIELD = re.compile(r"^([a-z_]+):(.*)$", re.S)
_NOTHING = "the"
"""Written in place of a word or phrase that has no word both engines index: whoosh reads a stop word as nothing,
as the browser page reads a word lunr's stop list drops ("her", "must", "other": whoosh indexes them, lunr does not)."""


def _searched(text: str) -> str:
    """``text``, or :data:`_NOTHING` when none of its words is one both engines index (wildcards are kept)."""
    if "*" in text or "?" in text:
        return text
    words = TOKEN_PATTERN.findall(text)
    return text if any(len(w) >= 2 and w.lower() not in QUESTION_STOP_WORDS for w in words) else _NOTHING


class QueryError(ValueError):
    """A query that cannot be understood; its message is one line meant for the user."""


@dataclass(frozen=True)
class YearRange:
    """An inclusive range of decision years; either end may be open."""

    start: int | None = None
    end: int | None = None

    def contains(self, year: int | None) -> bool:
        """Whether a year lies in the range (an unknown year never does, unless the range is open both ends)."""
        if year is None:
            return self.start is None and self.end is None
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)


def parse_year_range(text: str) -> YearRange:
    """Parse ``2010..2020``, ``2015``, ``..2005`` or ``2019..``.

    Raises:
        QueryError: when the text is not such a range, or it runs backwards.
    """
    match = YEAR_RANGE.match(text.strip())
    if not match or not any(match.groups()):
        raise QueryError(f"year range {text!r} not understood: write 2015, 2010..2020, ..2005 or 2019..")
    start, end = (int(g) if g else None for g in match.groups())
    if ".." not in text:
        end = start
    if start is not None and end is not None and start > end:
        raise QueryError(f"year range {text!r} runs backwards: write {end}..{start}")
    return YearRange(start, end)


def tokenize(text: str) -> list[str]:
    """Split a query into words, quoted phrases, ``field:value`` items and parentheses (whitespace dropped).

    Raises:
        QueryError: on an unclosed quotation mark.
    """
    tokens = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token.isspace():
            continue
        if token.count('"') % 2:
            where = match.start() + token.index('"') + 1
            raise QueryError(f"unclosed quotation mark at character {where}: close the phrase with another one")
        tokens.append(token)
    return tokens


def _check_structure(tokens: list[str]) -> None:
    depth = 0
    previous = None
    for item in tokens:
        if item == "(":
            depth += 1
        elif item == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("a closing parenthesis ')' has no matching '('")
            if previous == "(":
                raise QueryError("empty parentheses '()': put words inside or remove them")
            if previous in OPERATORS:
                raise QueryError(f"{previous} needs a word after it, before ')'")
        elif item in ("AND", "OR") and (previous is None or previous in OPERATORS or previous == "("):
            raise QueryError(f"{item} needs a word on each side")
        previous = item
    if depth > 0:
        raise QueryError("a parenthesis '(' is never closed: add ')'")
    if previous in OPERATORS:
        raise QueryError(f"{previous} at the end of the query needs a word after it")


def _rewrite_field(name: str, value: str) -> str:
    facets = facet_by_alias()
    bare = value.strip('"')
    if not bare:
        raise QueryError(f"{name}: needs a value, e.g. {name}:something")
    if name == "year":
        years = parse_year_range(bare)
        low = years.start if years.start is not None else ""
        high = years.end if years.end is not None else ""
        return f"year:[{low} TO {high}]"
    if name in facets:
        facet = facets[name]
        try:
            return f"{facet.name}:{facet.normalise(bare)}"
        except ValueError as exc:
            raise QueryError(str(exc)) from exc
    if name in TEXT_FIELDS:
        if _searched(bare) == _NOTHING:
            return f"{name}:{_NOTHING}"
        return f"{name}:{value}" if _PLAIN_WORD.match(value) or value.startswith('"') else f'{name}:"{bare}"'
    known = ", ".join(sorted({*TEXT_FIELDS, "year", *facets}))
    raise QueryError(f"unknown field {name!r}: use one of {known}")


def rewrite(text: str) -> str:
    """Check a query and rewrite it in whoosh's syntax (facet aliases resolved, values normalised, year ranges expanded).

    Raises:
        QueryError: when the query is malformed.
    """
    tokens = tokenize(text)
    out: list[str] = []
    for token in tokens:
        if token.startswith("-") and len(token) > 1:
            out.append("NOT")
            token = token[1:]
        field = _FIELD.match(token)
        if token in ("(", ")", *OPERATORS):
            out.append(token)
        elif token.startswith('"'):
            out.append(token if _searched(token.strip('"')) != _NOTHING else _NOTHING)
        elif field:
            out.append(_rewrite_field(field.group(1), field.group(2)))
        elif _PLAIN_WORD.match(token):
            out.append(_searched(token))
        else:
            # Citations like ECLI:CE:ECHR:2010:... or odd punctuation: search the words they contain, in order.
            out.append('"' + token.replace('"', " ") + '"' if _searched(token.replace('"', " ")) != _NOTHING else _NOTHING)
    _check_structure([t if t in ("(", ")", *OPERATORS) else "w" for t in out])
    return " ".join(out)


def make_parser(schema: Schema) -> qparser.QueryParser:
    """A whoosh parser over the text fields, with boosts, AND by default, and no single-quote syntax."""
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), schema, fieldboosts=FIELD_BOOSTS, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    return parser


def parse(text: str, schema: Schema) -> Query | None:
    """Parse a user's query for the given schema; ``None`` for an empty query (list everything).

    Raises:
        QueryError: when the query is malformed or has no searchable word.
    """
    if not text.strip():
        return None
    rewritten = rewrite(text)
    query = make_parser(schema).parse(rewritten)
    if query is None or query is NullQuery:
        raise QueryError(f"nothing to search for in {text!r}: every word is too common to index")

    def words_where_no_positions(q: Query) -> Query:
        # Fields indexed without positions (the full text) match a phrase's words anywhere in the document.
        if isinstance(q, Phrase) and not schema[q.fieldname].format.supports("positions"):
            return And([Term(q.fieldname, w) for w in q.words], boost=q.boost)
        return q

    return query.accept(words_where_no_positions).normalize()

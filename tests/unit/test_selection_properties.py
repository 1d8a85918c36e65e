"""Properties of the selection parser: round trips, and no surprise exceptions on any text."""
from hypothesis import given, settings
from hypothesis import strategies as st

from rest_api.domain.errors import QuerySyntaxError, ValidationError
from rest_api.domain.selection import FieldSelection, Inclusion, parse_selection, render_selection

# Small budgets keep the whole unit suite fast; no example database is written into the repo.
FAST = settings(max_examples=250, deadline=None, database=None)
TREES = settings(max_examples=150, deadline=None, database=None)
_FIRST = "abcxyzABZ_"
NAMES = st.builds(
    str.__add__, st.sampled_from(_FIRST), st.text(alphabet=_FIRST + "09", max_size=4)
)
WHITESPACE = st.text(alphabet=" \t\r\n", max_size=2)
GRAMMAR_CHARACTERS = "{},*-_ aZ09\t\n\x00\u00e9\u00a0."


@st.composite
def selections(draw, depth=1, max_depth=3):
    """A valid tree: unique includes, exclusions disjoint from them and implying ``*``."""
    names = draw(st.lists(NAMES, max_size=4, unique=True))
    split = draw(st.integers(min_value=0, max_value=len(names)))
    included, excluded = names[:split], names[split:]
    includes = []
    for name in included:
        nested = None
        if depth < max_depth and draw(st.booleans()):
            nested = draw(selections(depth=depth + 1, max_depth=max_depth))
        includes.append(Inclusion(name, nested))
    star = bool(excluded) or draw(st.booleans())
    return FieldSelection(star=star, includes=tuple(includes), excludes=frozenset(excluded))


@st.composite
def spaced_renders(draw):
    """A valid tree and its canonical text with random whitespace around every token."""
    tree = draw(selections())
    pieces = [draw(WHITESPACE)]
    for token in _tokens(render_selection(tree)):
        pieces += [token, draw(WHITESPACE)]
    return tree, "".join(pieces)


def _tokens(text):
    """Split a canonical render into tokens (names, punctuation), dropping its spaces."""
    tokens, name = [], ""
    for char in text:
        if char.isalnum() or char == "_":
            name += char
            continue
        if name:
            tokens.append(name)
            name = ""
        if char != " ":
            tokens.append(char)
    return tokens + ([name] if name else [])


@st.composite
def near_valid_texts(draw):
    """A valid render with a few random character deletions, insertions or swaps."""
    chars = list(render_selection(draw(selections())))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        position = draw(st.integers(min_value=0, max_value=len(chars)))
        action = draw(st.sampled_from(["delete", "insert", "swap", "duplicate"]))
        if action == "insert" or not chars:
            chars.insert(position, draw(st.sampled_from(GRAMMAR_CHARACTERS)))
        elif action == "delete":
            del chars[min(position, len(chars) - 1)]
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(chars) - 1))
            here = min(position, len(chars) - 1)
            chars[here], chars[other] = chars[other], chars[here]
        else:
            start = min(position, len(chars) - 1)
            chars[start:start] = chars[start:start + draw(st.integers(min_value=1, max_value=5))]
    return "".join(chars)


def _parse_or_api_error(text, max_depth=6):
    """Parse ``text``; only a tree or one of the two documented errors may come out."""
    try:
        return parse_selection(text, max_depth=max_depth)
    except QuerySyntaxError as error:
        column = error.details["column"]
        assert 1 <= column <= len(text) + 1
        assert error.message.endswith(f" at column {column}")
        assert error.details["excerpt"].count("\n") == 1
        return error
    except ValidationError as error:
        return error


@TREES
@given(selections())
def test_parse_of_render_is_the_same_tree(tree):
    assert tree == parse_selection(render_selection(tree))


@TREES
@given(spaced_renders())
def test_whitespace_between_tokens_does_not_change_the_tree(tree_and_text):
    tree, text = tree_and_text
    assert tree == parse_selection(text)


@FAST
@given(st.text())
def test_arbitrary_text_parses_or_raises_an_api_error(text):
    result = _parse_or_api_error(text)
    assert isinstance(result, (FieldSelection, QuerySyntaxError, ValidationError))


@FAST
@given(st.text(alphabet=GRAMMAR_CHARACTERS, max_size=40))
def test_text_of_grammar_characters_parses_or_raises_an_api_error(text):
    result = _parse_or_api_error(text)
    assert isinstance(result, (FieldSelection, QuerySyntaxError, ValidationError))


@TREES
@given(near_valid_texts())
def test_near_valid_text_parses_or_raises_an_api_error(text):
    result = _parse_or_api_error(text, max_depth=100)
    if isinstance(result, FieldSelection):
        # whatever parses has a canonical form that parses to the same tree
        assert result == parse_selection(render_selection(result), max_depth=100)
    else:
        assert isinstance(result, (QuerySyntaxError, ValidationError))

import subprocess
import sys
from importlib import resources

import newslens


def test_public_names_are_exactly_these():
    assert sorted(newslens.__all__) == newslens.__all__
    assert set(newslens.__all__) == {
        "DEFAULT_MODELS",
        "Analyzer",
        "Article",
        "ChromeSpan",
        "Entity",
        "Figure",
        "InputError",
        "Mention",
        "ModelNotFoundError",
        "NewslensError",
        "Quote",
        "Sentence",
        "Sentiment",
        "__version__",
        "analyze",
        "blank_chrome",
        "extract_entities",
        "extract_figures",
        "extract_quotes",
        "Corpus",
        "edges_frame",
        "nodes_frame",
        "read_graph",
        "write_graph",
        "find_chrome",
        "load",
        "read_text",
        "run_batch",
        "BatchSummary",
    }
    for name in newslens.__all__:
        assert hasattr(newslens, name)


def test_error_tree():
    assert issubclass(newslens.InputError, newslens.NewslensError)
    assert issubclass(newslens.InputError, ValueError)
    assert issubclass(newslens.ModelNotFoundError, OSError)


def test_package_ships_types_and_models():
    assert resources.files("newslens").joinpath("py.typed").is_file()
    gaz = resources.files("newslens.models").joinpath("gazetteer", "patterns.jsonl")
    assert gaz.is_file()
    for folder in ("gazetteer", "lexicons"):
        assert resources.files("newslens.models").joinpath(folder, "README.md").is_file()
    lexicon = resources.files("newslens.models").joinpath("lexicons", "speech_verbs.tsv")
    assert lexicon.is_file()


def test_factories_resolve_through_entry_points_in_a_fresh_process():
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('sentencizer')\n"
        "nlp.add_pipe('newslens_sentiment')\n"
        "nlp.add_pipe('newslens_entities')\n"
        "doc = nlp('What a wonderful day.')\n"
        "print(doc._.newslens_sentiment[2], doc._.newslens_entities)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["positive", "[]"]

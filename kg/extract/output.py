"""The per-paper record ``kg extract`` prints: one name per entity, as the gold files list them.

:meth:`Extraction.as_gold_record` names a linked entity by its concept's prefLabel.
Annotators write the name the paper uses, and a vocabulary groups synonyms under
one concept ("memory footprint" under *memory usage*, "deconvolution" under
*transposed convolution*). So a linked entity that the paper names with a
lower-case synonym — a different word, not a spelling, an acronym or a vendor
prefix — is listed under that synonym. The graph still links the concept.
"""

from __future__ import annotations

import re

from kg.records import ENTITY_KINDS, Extraction, Mention, entity_key

_INVERTED = re.compile(r" (?:of|for|on|in|with) ")
_GENERIC_TAIL = re.compile(
    r"(?:models?|architectures?|networks?|methods?|algorithms?|techniques?)$"
)
_VENDOR_HEAD = re.compile(
    r"^(?:NVIDIA|Nvidia|AMD|Intel|Google|Apple|Qualcomm|Arm|ARM|IBM|Huawei|Xilinx)\s+"
)
_CLASS_TAIL = re.compile(r"\s+(?:GPU|CPU|TPU|NPU|FPGA|accelerator|processor|chip)s?$")
_GENERIC_ACCELERATOR = re.compile(
    r"^(?:AI|ML|DNN|NN|hardware|neural[ -]network|deep[ -]learning|machine[ -]learning|"
    r"deep[ -]neural[ -]network)[ -]accelerators?$",
    re.IGNORECASE,
)
#: A dataset's one-word alias ("NYUDv2" for NYUv2, "ADULT" for UCI Adult): the
#: paper's spelling of the name, listed as written.
_ALIAS = re.compile(r"^[A-Za-z][\w.+-]*$")
#: Words that qualify a metric without making it another measure.
_QUALIFIERS = frozenset(
    {"test", "eval", "evaluation", "validation", "val", "mean", "average", "overall"}
    | {"system", "prediction", "classification"}
)
#: Gold record field of each entity kind.
FIELDS = {
    "dataset": "datasets",
    "hardware": "hardware",
    "metric": "metrics",
    "method": "methods",
    "task": "tasks",
    "code": "code",
}


def display_name(mention: Mention) -> str:
    """The name to list for ``mention``: its label, or the synonym the paper wrote."""
    written = " ".join(mention.text.split())
    if mention.kind == "dataset" and not written[:1].isalpha():
        return mention.label  # the "100" of "CIFAR-10/100"
    if mention.kind == "dataset" and mention.label.startswith("The ") and _ALIAS.match(written):
        return mention.label  # "the Pile": the article belongs to the name
    if mention.kind == "dataset" and _symbols(written) != _symbols(mention.label):
        return written  # "HumanEval+" is its own benchmark, linked to HumanEval's node
    if mention.kind == "hardware":
        return _hardware_name(mention.label, written)
    if (
        mention.kind == "dataset"
        and mention.concept is not None
        and len(written) > 2  # not the "A" of "ImageNet-R/A"
        and _ALIAS.match(written)
    ):
        return written
    if mention.kind == "metric" and _qualified(written, mention.label):
        return mention.label  # "top-1 eval accuracy", "test accuracy": the measure itself
    if (
        mention.concept is not None
        and written == written.lower()
        and not _INVERTED.search(written)  # "inference of large language models"
        # the label's head first: "training large language models" is LLM training,
        # "classifying images" is image classification (the verb's stem, four letters)
        and written.split()[0][:4] != mention.label.split()[-1].lower()[:4]
        and _synonym(written, mention.label)
    ):
        return written
    return mention.label


def _qualified(written: str, label: str) -> bool:
    """``written`` is ``label`` with only generic qualifiers added: the split it was
    measured on ("test", "eval") or how it was summarised ("mean", "overall")."""
    words = [_singular(w) for w in re.split(r"[\s-]+", written.lower()) if w]
    wanted = [_singular(w) for w in re.split(r"[\s-]+", label.lower()) if w]
    extra = [w for w in words if w not in wanted]
    return bool(extra) and all(w in _QUALIFIERS for w in extra) and len(words) > len(wanted)


def _singular(word: str) -> str:
    """ "accuracies" → "accuracy", "costs" → "cost"."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _symbols(text: str) -> str:
    """The signs that make ``HumanEval+`` another name than ``HumanEval``."""
    return "".join(char for char in text if char in "+#*")


def _synonym(written: str, label: str) -> bool:
    """Whether ``written`` is another name for ``label`` rather than a form of it.

    Plurals, verb forms ("fine-tuned") and a generic noun after the name
    ("transformer models") are forms; anything else the paper wrote is its own
    name for the concept ("memory footprint" for *memory usage*).
    """
    a, b = entity_key(written), entity_key(label)
    a = _GENERIC_TAIL.sub("", a) or a
    if a.rstrip("s") == b.rstrip("s"):
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    # "finetuned" / "finetuning", "accuracies" / "accuracy": one word, inflected
    return not (common >= 4 and common >= min(len(a), len(b)) - 3 and abs(len(a) - len(b)) <= 3)


def _hardware_name(label: str, written: str) -> str:
    """A device's shortest name: "A6000" for "RTX A6000", "accelerator" for "AI accelerators".

    The guidelines name the class ``accelerator`` whatever generic field it serves.
    """
    generic = _GENERIC_ACCELERATOR.match(written) or _GENERIC_ACCELERATOR.match(label)
    if generic:
        return "accelerator"
    # the paper's model name without vendor and class word: "NVIDIA A6000 GPU" → "A6000"
    core = _CLASS_TAIL.sub("", _VENDOR_HEAD.sub("", written)) or written
    if not any(char.isdigit() for char in core):
        core = written  # a class ("ARM CPU"), not a model: keep what was written
    if len(core) < len(label) and entity_key(label).endswith(entity_key(core)):
        return core
    return label


def gold_record(extraction: Extraction) -> dict[str, object]:
    """``extraction`` in the shape of ``shared/eval/dev.jsonl``."""
    record = extraction.as_gold_record()
    names: dict[str, dict[str, str]] = {kind: {} for kind in ENTITY_KINDS}
    proposed: dict[str, str] = {}
    for mention in extraction.mentions:
        # one entity (concept or new name) → the name of its first mention
        name = display_name(mention)
        identity = (mention.concept or entity_key(mention.label)) + _symbols(name)
        name = names[mention.kind].setdefault(identity, name)
        if mention.proposed and mention.kind in ("method", "dataset"):
            proposed.setdefault(identity, name)
    for kind, field in FIELDS.items():
        record[field] = list(dict.fromkeys(names[kind].values()))
    record["proposed"] = list(dict.fromkeys(proposed.values()))
    return record

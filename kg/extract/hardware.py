"""``kg_hardware``: hardware by model number, where the vocabulary does not list it.

"NVIDIA GeForce RTX 4070 Ti", "RTX 3090 GPUs", "Xeon Gold 6248", "TPUv5e", "MI300X
accelerators": a vendor or product-line word before a model number, or a model
number before a device word. The label is the model without the vendor.
Also "Android, iOS and Jetson devices": a mobile platform listed before a device noun
is a device ("Android device"), not the software word.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract._scan import find_words, gated, trigger_words
from kg.extract.spans import Candidate, Component, candidates, text_of

_MODEL = r"[A-Z]{0,4}[- ]?\d{1,5}[A-Za-z]{0,3}(?:[- ](?:Ti|Super|SUPER|Ultra|Max|Pro|XT|SXM\d?|PCIe|\d+\s?GB))?"
_VENDOR = gated(
    r"\b(?:NVIDIA|Nvidia|AMD|Intel|Apple|Google|Qualcomm|Arm|ARM|Xilinx|AMD-Xilinx|Huawei|"
    r"Graphcore|Cerebras|Habana|Samsung|MediaTek)\s+"
    r"(?:(?:GeForce|Tesla|Quadro|Titan|TITAN|Radeon|Instinct|Xeon|Core|Jetson|Snapdragon|Ascend|"
    r"Gaudi|Alveo|Versal|Zynq|Exynos|Dimensity|Cortex|Neoverse|Grace|RTX|GTX)\s+)?"
    r"(?:(?:Gold|Silver|Platinum|Bronze|Orin|Xavier|AGX|NX|Nano|i[3579])\s+)*"
    rf"(?P<model>{_MODEL}|[A-Z][a-z]+(?:\s(?:Nano|NX|AGX|Ultra|Max|Pro))?)(?![\w-])"
)
#: A model number right before a device word: "RTX 3090 GPUs", "MI250X accelerators".
_MODEL_BEFORE = re.compile(
    r"(?P<model>(?:(?:RTX|GTX|Titan|TITAN|Tesla|Quadro|Radeon|Xeon|Gaudi|Ascend|Jetson)\s)?"
    r"[A-Z]{1,3}-?\d{2,5}[A-Za-z]{0,3}(?:[- ](?:Ti|Super|SXM\d?|PCIe|\d+\s?GB))?)\s+$"
)
_LOWER_DEVICE_WORDS = frozenset(
    {"accelerator", "accelerators", "processor", "processors", "chip", "chips", "devices", "boards"}
)
_DEVICE_WORDS = trigger_words(
    frozenset(
        {"gpu", "gpus", "tpu", "tpus", "cpu", "cpus", "npu", "npus", "ipu", "ipus", "fpga", "fpgas"}
    )
    | _LOWER_DEVICE_WORDS
)
_VENDOR_WORDS = (
    "NVIDIA",
    "Nvidia",
    "AMD",
    "Intel",
    "Apple",
    "Google",
    "Qualcomm",
    "Arm",
    "ARM",
    "Xilinx",
    "Huawei",
    "Graphcore",
    "Cerebras",
    "Habana",
    "Samsung",
    "MediaTek",
)
#: Whether any vendor word is in the text: one scan instead of one per word.
_ANY_VENDOR_WORD = re.compile("|".join(re.escape(word) for word in _VENDOR_WORDS))
_LIST_DEVICE_WORDS = frozenset({"gpus", "gpu", "cpus", "accelerators", "devices", "boards"})
_LISTED_MODEL = re.compile(r"(?<![\w-])[A-Z]{1,3}\d{2,5}[A-Za-z]{0,2}(?![\w-])")
_MODEL_LIST = re.compile(
    r"\s?[,:(]\s*(?:(?:the|an?|NVIDIA|Nvidia|AMD|Intel)\s+)?"
    r"([A-Z]{1,3}\d{2,5}[A-Za-z]{0,2}(?:\s*(?:,|and|or|/)\s*(?:NVIDIA\s+)?[A-Z]{1,3}\d{2,5}[A-Za-z]{0,2})*)"
    r"(?![\w-])"
)
_TPU = re.compile(r"TPU\s?v\d[a-z]?\b")
#: "Android, iOS and Nvidia Jetson devices": a platform in a list before a device noun.
_PLATFORM = gated(r"\b(?:Android|iOS)\b")
_PLATFORM_LIST = re.compile(
    r"(?:\s*(?:,|and|or|/)\s*[A-Za-z][\w-]*(?: [A-Z][\w-]*){0,2})*\s+(?:devices?|phones?|smartphones?)\b"
)
_NOT_MODELS = re.compile(r"^(?:\d+|[A-Z]?\d+[KMB]|\d+D|FP\d+|INT\d+|BF\d+)$")


@Language.factory("kg_hardware", assigns=["doc._.kg_candidates"])
def make_hardware(nlp: Language, name: str) -> HardwarePatterns:
    return HardwarePatterns(name)


class HardwarePatterns(Component):
    def __init__(self, name: str = "kg_hardware") -> None:
        self.name = name

    def _add(self, found: list[Candidate], start: int, model: str) -> None:
        model = model.strip()
        if model and not _NOT_MODELS.match(model) and any(c.isdigit() for c in model):
            found.append(
                Candidate("hardware", start, start + len(model), model, self.name, priority=8)
            )

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = candidates(doc)
        if _ANY_VENDOR_WORD.search(text):
            for match in _VENDOR.finditer(text):
                self._add(found, match.start("model"), match.group("model"))
        for position, end, word in find_words(doc, _DEVICE_WORDS):
            if word not in _LOWER_DEVICE_WORDS and text[position].islower():
                continue  # "gpu" in prose is not the class word
            match = _MODEL_BEFORE.search(text, max(0, position - 30), position)
            if match:
                model = match.group("model")
                self._add(found, match.start("model") + len(model) - len(model.lstrip()), model)
            listed = _MODEL_LIST.match(text, end) if word in _LIST_DEVICE_WORDS else None
            if not listed:
                continue
            # "two GPUs, P100 and P4000": the models are the entities, not the class word
            found.append(Candidate("blocked", position, end, "", self.name, priority=40))
            for model in _LISTED_MODEL.finditer(text, listed.start(1), listed.end()):
                self._add(found, model.start(), model.group(0))
        if "TPU" in text:
            for match in _TPU.finditer(text):
                self._add(found, match.start(), match.group(0))
        if "Android" in text or "iOS" in text:
            for match in _PLATFORM.finditer(text):
                # a software word ("iOS") that heads a device list: the device outranks it
                if _PLATFORM_LIST.match(text, match.end()):
                    label = f"{match.group(0)} device"
                    found.append(
                        Candidate(
                            "hardware", match.start(), match.end(), label, self.name, priority=35
                        )
                    )
        return doc

"""``kg_hardware``: hardware by model number, where the vocabulary does not list it.

"NVIDIA GeForce RTX 4070 Ti", "RTX 3090 GPUs", "Xeon Gold 6248", "TPUv5e", "MI300X
accelerators": a vendor or product-line word before a model number, or a model
number before a device word. The label is the model without the vendor.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, candidates

_MODEL = r"[A-Z]{0,4}[- ]?\d{1,5}[A-Za-z]{0,3}(?:[- ](?:Ti|Super|SUPER|Ultra|Max|Pro|XT|SXM\d?|PCIe|\d+\s?GB))?"
_VENDOR = re.compile(
    r"\b(?:NVIDIA|Nvidia|AMD|Intel|Apple|Google|Qualcomm|Arm|ARM|Xilinx|AMD-Xilinx|Huawei|"
    r"Graphcore|Cerebras|Habana|Samsung|MediaTek)\s+"
    r"(?:(?:GeForce|Tesla|Quadro|Titan|TITAN|Radeon|Instinct|Xeon|Core|Jetson|Snapdragon|Ascend|"
    r"Gaudi|Alveo|Versal|Zynq|Exynos|Dimensity|Cortex|Neoverse|Grace|RTX|GTX)\s+)?"
    r"(?:(?:Gold|Silver|Platinum|Bronze|Orin|Xavier|AGX|NX|Nano|i[3579])\s+)*"
    rf"(?P<model>{_MODEL}|[A-Z][a-z]+(?:\s(?:Nano|NX|AGX|Ultra|Max|Pro))?)(?![\w-])"
)
_BEFORE_DEVICE = re.compile(
    rf"\b(?P<model>(?:RTX|GTX|Titan|TITAN|Tesla|Quadro|Radeon|MI|Xeon|Gaudi|Ascend|Jetson)?\s?"
    rf"[A-Z]{{1,3}}-?\d{{2,5}}[A-Za-z]{{0,3}}(?:[- ](?:Ti|Super|SXM\d?|PCIe|\d+\s?GB))?)"
    r"\s+(?:GPU|TPU|CPU|NPU|IPU|FPGA|accelerator|processor|chip|card)s?\b"
)
_TPU = re.compile(r"\b(?P<model>TPU\s?v\d[a-z]?|Cloud TPU v\d[a-z]?)\b")
_NOT_MODELS = re.compile(r"^(?:\d+|[A-Z]?\d+[KMB]|\d+D|FP\d+|INT\d+|BF\d+)$")


@Language.factory("kg_hardware", assigns=["doc._.kg_candidates"])
def make_hardware(nlp: Language, name: str) -> HardwarePatterns:
    return HardwarePatterns(name)


class HardwarePatterns:
    def __init__(self, name: str = "kg_hardware") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found = candidates(doc)
        for pattern in (_VENDOR, _BEFORE_DEVICE, _TPU):
            for match in pattern.finditer(text):
                model = match.group("model").strip()
                if (
                    not model
                    or _NOT_MODELS.match(model)
                    or not any(c.isdigit() for c in model)
                    and pattern is not _VENDOR
                ):
                    continue
                start = match.start("model") + (
                    len(match.group("model")) - len(match.group("model").lstrip())
                )
                found.append(
                    Candidate("hardware", start, start + len(model), model, self.name, priority=8)
                )
        return doc

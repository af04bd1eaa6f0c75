"""The README's promises: the two commands first, and a code sample that is the example file."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_demo_and_test_commands():
    blocks = re.findall(r"```console\n(.*?)\n```", README, re.DOTALL)
    assert blocks[:2] == [
        "python3 -m pip install tox && tox -e demo",
        "python3 -m pip install tox && tox",
    ]


def test_readme_sample_is_the_quickstart_example_file():
    sample = re.search(r"```python\n(.*?)```", README, re.DOTALL).group(1)
    assert sample == (ROOT / "examples" / "quickstart" / "dashboards.py").read_text()

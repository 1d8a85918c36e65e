"""``make lint``: the XML and CSV checks of the OCA (they left pylint-odoo for oca-odoo-pre-commit-hooks).

Its command line finds an addon by walking up from a path to the git top, so it never sees this
repository's addon, which *is* the top: the manifests are handed to its checker directly.
Exits 1 and prints each finding when there is one.
"""
import os
import sys

from oca_pre_commit_hooks import utils
from oca_pre_commit_hooks.checks_odoo_module import ChecksOdooModule

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFESTS = ("__manifest__.py", "tests/addons/rest_api_test/__manifest__.py",
             "tests/addons/rest_api_test_extension/__manifest__.py", "examples/rest_api_hello/__manifest__.py")
# README.md is this project's choice; the Weblate name limit is for OCA repositories.
DISABLED = {"prefer-readme-rst", "weblate-component-too-long"}


def findings(manifest: str) -> list:
    """Every finding of the enabled checks on the addon of ``manifest``."""
    checker = ChecksOdooModule(manifest, set(), DISABLED, changed=set(), verbose=True)
    for check in utils.getattr_checks(checker):
        check()
    return checker.checks_errors


def main() -> int:
    os.chdir(ROOT)
    found = sorted(error for manifest in MANIFESTS for error in findings(os.path.join(ROOT, manifest)))
    for error in found:
        print(error)
    print(f"XML/CSV checks: {len(found)} finding(s) in {len(MANIFESTS)} addons")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

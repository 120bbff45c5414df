#!/usr/bin/env python3
"""Every error reason the server's code can produce is in docs/API.md's catalogue.

Collects the quoted UPPER_SNAKE_CASE literals of core/, storage/ and services/
(the reasons of Status, FieldErrors::Add and ErrorInfo; enum value names such as
STATE_DRAFT are left out by their prefixes) and checks that each is written as
`REASON` in the section "### Every error reason" of docs/API.md. Also fails when
the catalogue names a reason no code produces (a stale entry).
Usage: error_reasons_test.py SOURCE_DIR
"""
import pathlib
import re
import sys

ENUM_PREFIXES = ("STATE_", "KIND_", "ROLE_", "SERVICE_CATEGORY_", "PERMITTED_USE_", "EXPERT_OPINION_",
                 "REJECTION_GROUND_", "TERMINATION_GROUND_", "COMPLIANCE_STATUS_")
# Codes that are also reasons (Status's defaults) but have no underscore: listed by hand.
PLAIN_REASONS = {"UNAUTHENTICATED"}
# Upper-case literals that are not reasons: environment variables the code reads.
NOT_REASONS = {"PGCONNECT_TIMEOUT"}


def main():
    root = pathlib.Path(sys.argv[1])
    found = {}
    for folder in ("core", "storage", "services"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".cc", ".h"):
                continue
            for m in re.finditer(r'"([A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+)"', path.read_text()):
                if not m.group(1).startswith(ENUM_PREFIXES) and m.group(1) not in NOT_REASONS:
                    found.setdefault(m.group(1), str(path.relative_to(root)))
    api = (root / "docs" / "API.md").read_text()
    start = api.index("### Every error reason")
    end = api.find("\n## ", start)
    catalogue = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", api[start:end if end >= 0 else len(api)]))
    codes = {"INVALID_ARGUMENT", "NOT_FOUND", "ALREADY_EXISTS", "FAILED_PRECONDITION", "ABORTED", "PERMISSION_DENIED",
             "UNAUTHENTICATED", "RESOURCE_EXHAUSTED", "DATA_LOSS", "UNAVAILABLE", "DEADLINE_EXCEEDED", "INTERNAL",
             "OUT_OF_RANGE", "UNIMPLEMENTED", "CANCELLED"}
    missing = sorted(r for r in found if r not in catalogue)
    stale = sorted(r for r in catalogue - set(found) - PLAIN_REASONS - codes)
    for r in missing:
        print(f"missing from docs/API.md's catalogue: {r} (first in {found[r]})")
    for r in stale:
        print(f"in the catalogue but produced nowhere: {r}")
    print(f"{len(found)} reasons in the code, {len(catalogue)} names in the catalogue")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())

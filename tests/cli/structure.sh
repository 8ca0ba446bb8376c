#!/usr/bin/env bash
# The shape of src/ (scripts/check_structure.py): no circle in the modules drawn from the
# includes, and no function over 150 lines except the data tables it lists.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check_structure.py

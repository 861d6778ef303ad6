#!/usr/bin/env bash
# update_translations.sh — refreshes resources/translations/*.ts from the strings in the code (lupdate): new strings
# come in unfinished (translate them in Qt Linguist: `linguist resources/translations/convlens_zh_CN.ts`), strings no
# longer in the code go. The CLI (app/cli) stays English and is not scanned. tst_translations fails while a string
# has no translation. Needs qt6-l10n-tools.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=${LUPDATE:-$(command -v lupdate6 || command -v lupdate || echo /usr/lib/qt6/bin/lupdate)}
for ts in resources/translations/convlens_*.ts; do
    "$LUPDATE" -silent -no-obsolete -locations none app/gui app/render core -ts "$ts"
done

#!/usr/bin/env bash
# Netsmart.Analyzers demo: the main job in one command.
#   bash samples/demo.sh
# Copies samples/LegacyClient (a Certified v1 client) to a temp folder, builds it (the NSM warnings show),
# lets `dotnet format analyzers` rewrite the copy to v2, prints the diff, and builds the copy again.
# The sample in the repository is never modified. Needs only the .NET SDK.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample_dir="$repo_root/samples/LegacyClient"
rules=(NSM001 NSM002 NSM003 NSM004 NSM005 NSM006 NSM010 NSM011)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/netsmart-demo.XXXXXX")"
cleanup() { rm -rf "$work_dir"; }
trap cleanup EXIT

section() { printf '\n==== %s ====\n' "$*"; }
# Build lines without the temp folder prefix and the trailing [project] tag.
shorten() { sed -e "s|$work_dir/||g" -e 's| \[[^]]*\]$||'; }
# "3 x NSM001, 1 x NSM002" from a build log (each diagnostic counted once; MSBuild repeats them in its summary).
count_nsm() {
  local counts
  counts="$(grep -E ': warning NSM[0-9]+' "$1" | sort -u | grep -Eo 'warning NSM[0-9]+' | sort | uniq -c \
    | awk '{ printf "%s%s x %s", sep, $1, $3; sep = ", " }' || true)"
  echo "${counts:-none}"
}

section "1/4 Copy samples/LegacyClient to $work_dir/LegacyClient"
mkdir -p "$work_dir/LegacyClient"
(cd "$sample_dir" && tar --exclude=./bin --exclude=./obj -cf - .) | (cd "$work_dir/LegacyClient" && tar -xf -)
# The copy still uses the repository's analyzer projects (build and dotnet format read this file; dotnet
# format takes no -p: switches). It also stops MSBuild from looking further up than the temp folder.
cat > "$work_dir/Directory.Build.props" <<PROPS
<Project>
  <PropertyGroup>
    <NetsmartAnalyzersSourceRoot>$repo_root/src/</NetsmartAnalyzersSourceRoot>
  </PropertyGroup>
</Project>
PROPS
printf 'root = true\n' > "$work_dir/.editorconfig"
project="$work_dir/LegacyClient/LegacyClient.csproj"
ls "$work_dir/LegacyClient"

section "2/4 dotnet build (v1 client: expect NSM warnings)"
dotnet build "$project" --no-incremental -nologo -tl:off \
  | tee "$work_dir/build-before.log" | grep -E 'warning NSM|: error |Build succeeded|Build FAILED' | awk '!seen[$0]++' | shorten || true
echo "NSM warnings before the fix: $(count_nsm "$work_dir/build-before.log")"
if grep -q ': error ' "$work_dir/build-before.log"; then
  echo "The sample does not build; full log:" >&2
  cat "$work_dir/build-before.log" >&2
  exit 1
fi

section "3/4 dotnet format analyzers --diagnostics ${rules[*]} --severity info"
# Only the sample's own files are fixed: dotnet format skips the referenced analyzer projects.
dotnet format analyzers "$project" --diagnostics "${rules[@]}" --severity info --verbosity normal
echo
echo "--- diff -u samples/LegacyClient (v1) vs the rewritten copy (v2) ---"
diff -ru --exclude=bin --exclude=obj "$sample_dir" "$work_dir/LegacyClient" || true

section "4/4 dotnet build again (expect no NSM001-NSM004 warnings)"
dotnet build "$project" --no-incremental -nologo -tl:off \
  | tee "$work_dir/build-after.log" | grep -E 'warning NSM|: error |Build succeeded|Build FAILED' | awk '!seen[$0]++' | shorten || true
echo "NSM warnings after the fix: $(count_nsm "$work_dir/build-after.log")"
if grep -q ': error ' "$work_dir/build-after.log"; then
  echo >&2
  echo "The rewritten copy does not build (errors above). If they name the tenant expression, choose one with" >&2
  echo "netsmart.tenant_id_expression in .editorconfig or the MSBuild property NetsmartTenantIdExpression (README.md)." >&2
  exit 1
fi
placeholders="$({ grep -ro '{tenant-id}' --include='*.cs' "$work_dir/LegacyClient" || true; } | wc -l | tr -d ' ')"
echo "{tenant-id} placeholders left to fill in (NSM005, info: no tenant expression in scope or a constant context): $placeholders"
echo "Set netsmart.tenant_id_expression in .editorconfig to have the fixes write your tenant expression instead."
echo
echo "Done. (Temp folder $work_dir is removed.)"

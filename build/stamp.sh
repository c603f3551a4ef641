# Sourced by the shipping builds (build/windows.sh, build/linux.sh) and by .ci/run. Sets:
#   GOTOOLCHAIN  the toolchain go.mod names (its `toolchain` line), fetched through the module
#                proxy as golang.org/toolchain, even where the machine pins GOTOOLCHAIN=local
#   VERSION      FyneApp.toml's Version, unless VERSION is set already; NUMVER is its x.y.z part
#   APPNAME      FyneApp.toml's Name (社区治理工作台)
#   COMMIT       the git commit built (short hash, "-dirty" when the tree has changes)
#   BUILD_DATE   SOURCE_DATE_EPOCH if set, else the commit's date (UTC, ISO 8601): a rebuild of the
#                same commit gives the same binaries, and the Go build cache stays warm
#   LDFLAGS_X    the -X flags that stamp these into shequ/app (`shequctl version`, 关于)
# The caller has cd'd to the repository root.
toml_value() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\(.*\)\".*/\1/p" FyneApp.toml | head -n1; }
GOTOOLCHAIN=$(sed -n 's/^toolchain[[:space:]]\{1,\}\(go[0-9.]*\)[[:space:]]*$/\1/p' go.mod)
[[ -n $GOTOOLCHAIN ]] || { echo "stamp.sh: go.mod has no toolchain line" >&2; exit 1; }
export GOTOOLCHAIN
VERSION=${VERSION:-$(toml_value Version)}
[[ $VERSION =~ ^[0-9A-Za-z.+-]+$ ]] || { echo "stamp.sh: bad VERSION '$VERSION'" >&2; exit 1; }
NUMVER=${VERSION#v}
NUMVER=${NUMVER%%[-+]*}
APPNAME=$(toml_value Name)
if COMMIT=$(git rev-parse --short=12 HEAD 2>/dev/null); then
	[[ -z $(git status --porcelain --untracked-files=no 2>/dev/null) ]] || COMMIT+=-dirty
	epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct HEAD)}
else
	COMMIT=unknown
	epoch=${SOURCE_DATE_EPOCH:-$(date +%s)}
fi
BUILD_DATE=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS_X="-X=shequ/app.Version=$VERSION -X=shequ/app.Commit=$COMMIT -X=shequ/app.BuildDate=$BUILD_DATE"
export VERSION NUMVER APPNAME COMMIT BUILD_DATE LDFLAGS_X

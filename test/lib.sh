# test/lib.sh: shared by test/run, test/demo and test/bench/run (sourced).
#
# Installs what is missing (as root, with apt-get), builds and installs the
# extension, and starts and stops throwaway PostgreSQL clusters.  PostgreSQL
# refuses to run as root, so as root the clusters run as an unprivileged
# user (postgres, which the server package creates).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# The server's pg_config (postgresql-server-dev-15); /usr/bin/pg_config may be
# libpq-dev's, which knows no server headers.  Set again after installing.
PG_CONFIG_GIVEN=${PG_CONFIG:-}
find_pg_config() {
    PG_CONFIG=${PG_CONFIG_GIVEN:-$PG_BIN/pg_config}
    [ -x "$PG_CONFIG" ] || PG_CONFIG=pg_config
}
find_pg_config

# Debian packages the build and the tests need, and what proves each present
DEPS="make:make gcc:gcc pkg-config:pkg-config
      postgresql-15:$PG_BIN/postgres postgresql-server-dev-15:/usr/include/postgresql/15/server/postgres.h
      libicu-dev:/usr/include/unicode/uspoof.h libstemmer-dev:/usr/include/libstemmer.h clang:clang
      libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
      unicode-data:/usr/share/unicode/emoji/emoji-test.txt wamerican:/usr/share/dict/words
      libipc-run-perl:/usr/share/perl5/IPC/Run.pm
      postgresql-15-cron:/usr/lib/postgresql/15/lib/pg_cron.so"

say() { printf '%s\n' "$*" >&2; }

have() {
    case "$1" in
        /*) [ -e "$1" ] ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac
}

install_deps() {
    local missing="" pair pkg probe
    for pair in $DEPS; do
        pkg=${pair%%:*}
        probe=${pair#*:}
        have "$probe" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        say "missing packages:$missing"
        say "install them as root: apt-get install -y$missing"
        return 1
    fi
    say "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || return 1
    # the server package would start a cluster of its own; it is not needed
    mkdir -p /etc/postgresql-common
    [ -e /etc/postgresql-common/createcluster.conf ] ||
        echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        $missing >/dev/null || return 1
}

build_install() {
    find_pg_config
    make -s PG_CONFIG="$PG_CONFIG" >/dev/null || return 1
    if [ "$(id -u)" = 0 ]; then
        make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || return 1
    elif [ -w "$("$PG_CONFIG" --pkglibdir)" ]; then
        make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || return 1
    else
        sudo make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || return 1
    fi
}

# The user the server runs as: ourselves, or postgres when we are root.
server_user() {
    if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi
}

as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# start_cluster DIR PORT: a new cluster in DIR (made here), on a private
# socket directory DIR/sock, listening on no TCP address.
start_cluster() {
    local dir=$1 port=$2
    mkdir -p "$dir/sock"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    as_server_user "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 \
        --locale=C.UTF-8 -A trust >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
    as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir/sock -p $port -c listen_addresses=''" start >/dev/null ||
        { cat "$dir/server.log" >&2; return 1; }
    export PGHOST=$dir/sock PGPORT=$port PGUSER=postgres
}

stop_cluster() {
    local dir=$1
    [ -d "$dir/data" ] && as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
    return 0
}


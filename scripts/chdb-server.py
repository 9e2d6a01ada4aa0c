"""A ClickHouse server for the test suite, from the embedded engine's own library.

The engine the project embeds (libchdb, ClickHouse 26.7) is clickhouse-local built as a library; since ClickHouse
26.6 clickhouse-local can open the server's HTTP interface (SYSTEM START LISTEN HTTP). This runs that engine's
command line with the given arguments (the query starts the listener, then holds the process open) and serves
queries over HTTP until the process is stopped: the server path of the product (@clickhouse/client over HTTP,
CLICKHOUSE_URL) against a real server of the same version, on a machine where no clickhouse-server package of a
usable version can be installed. Called by scripts/test-server.ts; python3's ctypes is the one dependency (the
engine's stack check refuses a call from Node's FFI libraries, which run foreign code on a stack of their own).

  python3 scripts/chdb-server.py LIBCHDB --path=DIR --http_port=PORT --listen_host=127.0.0.1 "--query=..."
"""
import ctypes
import sys

lib = ctypes.CDLL(sys.argv[1], mode=ctypes.RTLD_GLOBAL)
lib.chdb_query_cmdline.restype = ctypes.c_void_p
lib.chdb_query_cmdline.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
lib.chdb_result_error.restype = ctypes.c_char_p
lib.chdb_result_error.argtypes = [ctypes.c_void_p]
args = [a.encode() for a in sys.argv[2:]]
result = lib.chdb_query_cmdline(len(args), (ctypes.c_char_p * len(args))(*args))
error = lib.chdb_result_error(result) if result else b'no result'
if error:
    print(error.decode(errors='replace'), file=sys.stderr)
    sys.exit(1)

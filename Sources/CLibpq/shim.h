// libpq, PostgreSQL's reference client library (Debian: libpq-dev); found through pkg-config.
#include <libpq-fe.h>

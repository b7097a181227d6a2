#include "CNcursesw.h"

const char *rp_curses_version(void) { return curses_version(); }

SCREEN *rp_newterm_headless(const char *term, FILE *out, FILE *in) {
  return newterm(term, out, in);
}

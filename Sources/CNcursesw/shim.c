// posix_openpt, ptsname and POSIX_SPAWN_SETSID (the benchmark's terminals) need the GNU feature set.
#define _GNU_SOURCE 1

#include "CNcursesw.h"

const char *rp_curses_version(void) { return curses_version(); }

SCREEN *rp_newterm_headless(const char *term, FILE *out, FILE *in) {
  return newterm(term, out, in);
}

#include <signal.h>
#include <unistd.h>
#include <string.h>

FILE *rp_stdin(void) { return stdin; }
FILE *rp_stdout(void) { return stdout; }

int rp_put_cell(WINDOW *window, int row, int column, const wchar_t *text, int count, attr_t attributes, short pair) {
  wchar_t buffer[CCHARW_MAX + 1];
  if (count > CCHARW_MAX) count = CCHARW_MAX;
  if (count < 0) count = 0;
  for (int i = 0; i < count; i++) buffer[i] = text[i];
  buffer[count] = 0;
  cchar_t cell;
  memset(&cell, 0, sizeof cell);
  if (setcchar(&cell, buffer, attributes, pair, NULL) == ERR) return ERR;
  return mvwadd_wch(window, row, column, &cell);
}

static volatile sig_atomic_t rp_signal_received = 0;

static void rp_record_signal(int number) { rp_signal_received = number; }

static void rp_set_quit_handler(int number, void (*handler)(int)) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(number, &action, NULL);
}

void rp_install_quit_handlers(void) {
  rp_signal_received = 0;
  rp_set_quit_handler(SIGINT, rp_record_signal);
  rp_set_quit_handler(SIGTERM, rp_record_signal);
  rp_set_quit_handler(SIGHUP, rp_record_signal);
}

void rp_restore_quit_handlers(void) {
  rp_set_quit_handler(SIGINT, SIG_DFL);
  rp_set_quit_handler(SIGTERM, SIG_DFL);
  rp_set_quit_handler(SIGHUP, SIG_DFL);
}

int rp_pending_signal(void) { return rp_signal_received; }

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/ioctl.h>

int rp_open_terminal(int rows, int columns, int *slave) {
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return -1;
  const char *name = (grantpt(master) == 0 && unlockpt(master) == 0) ? ptsname(master) : NULL;
  int opened = name ? open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
  if (opened < 0) {
    close(master);
    return -1;
  }
  struct winsize size = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)columns};
  ioctl(opened, TIOCSWINSZ, &size);
  *slave = opened;
  return master;
}

short rp_spawn_new_session_flag(void) { return POSIX_SPAWN_SETSID; }

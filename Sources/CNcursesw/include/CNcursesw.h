#ifndef RAPPORT_CNCURSESW_H
#define RAPPORT_CNCURSESW_H

// Must precede every ncurses include, or cchar_t and wget_wch vanish:
// SwiftPM drops pkg-config's -D flags.
#define _XOPEN_SOURCE_EXTENDED 1
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Not visible through Glibc in Swift.
int wcwidth(wchar_t c);

// Macros and globals that Swift cannot import (or rejects as not concurrency-safe).
// Gives freed memory's pages back to the system (glibc; the dashboard calls it when it idles).
static inline void rp_release_freed_memory(void) { malloc_trim(0); }

static inline WINDOW *rp_stdscr(void) { return stdscr; }
static inline int rp_lines(void) { return LINES; }
static inline int rp_cols(void) { return COLS; }
static inline int rp_colors(void) { return COLORS; }
static inline int rp_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t rp_a_normal(void) { return A_NORMAL; }
static inline attr_t rp_a_bold(void) { return A_BOLD; }
static inline attr_t rp_a_reverse(void) { return A_REVERSE; }
static inline attr_t rp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t rp_a_dim(void) { return A_DIM; }
static inline int rp_key_f(int n) { return KEY_F(n); }
static inline int rp_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int rp_getmaxx(WINDOW *w) { return getmaxx(w); }

/// The version string of the linked ncurses, e.g. "ncurses 6.4.20221231".
const char *rp_curses_version(void);

/// Opens a screen on the given streams without touching the real terminal.
/// Returns NULL when the terminal type is unknown.
SCREEN *rp_newterm_headless(const char *term, FILE *out, FILE *in);

// Attributes, colours and keys used by the backend.
static inline int rp_color_pair(int n) { return COLOR_PAIR(n); }
static inline int rp_key_code_yes(void) { return KEY_CODE_YES; }
static inline int rp_err(void) { return ERR; }
static inline int rp_ok(void) { return OK; }

// The mouse reports the dashboard asks for (ncurses builds the masks with macros): a press of the left
// button, and the wheel (buttons 4 and 5). No motion reports: xterm-style terminals keep Shift for
// their own text selection.
static inline mmask_t rp_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t rp_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t rp_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t rp_button5_pressed(void) { return BUTTON5_PRESSED; }

/// The C standard streams (Swift 6 rejects the `stdin`/`stdout` globals).
FILE *rp_stdin(void);
FILE *rp_stdout(void);

/// Puts a cell of up to `count` scalars (`count` <= CCHARW_MAX) with `attributes` and colour `pair` at
/// (row, column) in `window`. Returns ERR or OK like mvwadd_wch.
int rp_put_cell(WINDOW *window, int row, int column, const wchar_t *text, int count, attr_t attributes, short pair);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the signal (no SA_RESTART, so a
/// blocking read returns with EINTR); the event loop checks `rp_pending_signal()`.
void rp_install_quit_handlers(void);
/// Restores the default dispositions of SIGINT, SIGTERM and SIGHUP.
void rp_restore_quit_handlers(void);
/// The last quit signal received since the handlers were installed, or 0.
int rp_pending_signal(void);

/// A new pseudo-terminal of `rows`×`columns`: returns its master side (-1 on failure) and puts its
/// slave side in `slave` (both close-on-exec; the benchmark's dashboards get the slave by dup2).
int rp_open_terminal(int rows, int columns, int *slave);

/// `POSIX_SPAWN_SETSID`, which Swift does not see without _GNU_SOURCE.
short rp_spawn_new_session_flag(void);

#endif

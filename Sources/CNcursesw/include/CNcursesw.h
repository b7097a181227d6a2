#ifndef RAPPORT_CNCURSESW_H
#define RAPPORT_CNCURSESW_H

// Must precede every ncurses include, or cchar_t and wget_wch vanish:
// SwiftPM drops pkg-config's -D flags.
#define _XOPEN_SOURCE_EXTENDED 1
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Not visible through Glibc in Swift.
int wcwidth(wchar_t c);

// Macros and globals that Swift cannot import (or rejects as not concurrency-safe).
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

#endif

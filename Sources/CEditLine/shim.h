#ifndef TENSORTUTOR_CEDITLINE_SHIM_H
#define TENSORTUTOR_CEDITLINE_SHIM_H

// libedit's setters are C variadic functions, which Swift cannot call; these fixed-
// argument wrappers are the whole surface the LineEditor module uses.

#include <stdio.h>
#include <histedit.h>

typedef char *(*tt_prompt_function)(EditLine *);
typedef unsigned char (*tt_editor_function)(EditLine *, int);

static inline EditLine *tt_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int tt_el_set_prompt(EditLine *el, tt_prompt_function prompt) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int tt_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int tt_el_add_function(EditLine *el, const char *name, const char *help, tt_editor_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int tt_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}

static inline int tt_el_set_tty(EditLine *el, const char *mode, const char *setting) {
    return el_set(el, EL_SETTY, mode, setting, NULL);
}

static inline int tt_el_set_history(EditLine *el, History *list) {
    return el_set(el, EL_HIST, history, list);
}

static inline int tt_el_set_signal_handling(EditLine *el, int enabled) {
    return el_set(el, EL_SIGNAL, enabled);
}

// Puts the terminal in the editor's raw mode now, rather than at the first key read,
// which comes after the prompt is shown: keys typed right after the prompt appears
// would otherwise meet a cooked terminal (echoed twice; Ctrl-D and Ctrl-C lost).
static inline int tt_el_prepare_terminal(EditLine *el) {
    return el_set(el, EL_PREP_TERM, 1);
}

static inline History *tt_history_init(int size) {
    History *list = history_init();
    if (list == NULL) return NULL;
    HistEvent event;
    history(list, &event, H_SETSIZE, size);
    history(list, &event, H_SETUNIQUE, 1);
    return list;
}

static inline int tt_history_enter(History *list, const char *entry) {
    HistEvent event;
    return history(list, &event, H_ENTER, entry);
}

#endif

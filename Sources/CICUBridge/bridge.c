// Tarjuman's ICU bridge: the one file that includes ICU headers. See include/CICUBridge.h.
#include "CICUBridge.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

// A growable UTF-16 scratch buffer.
typedef struct {
    UChar *data;
    int32_t capacity;
} Buffer16;

static int reserve16(Buffer16 *b, int32_t n) {
    if (n <= b->capacity) return 1;
    int32_t c = b->capacity ? b->capacity : 256;
    while (c < n) {
        if (c > INT32_MAX / 2) return 0;
        c *= 2;
    }
    UChar *d = (UChar *)realloc(b->data, (size_t)c * sizeof(UChar));
    if (!d) return 0;
    b->data = d;
    b->capacity = c;
    return 1;
}

// UTF-8 into the buffer; returns the UTF-16 length or -1 (status set).
static int32_t to16(Buffer16 *b, const char *text, int32_t length, UErrorCode *status) {
    int32_t needed = 0;
    // A UTF-16 string never has more code units than its UTF-8 form has bytes.
    if (!reserve16(b, length + 1)) { *status = U_MEMORY_ALLOCATION_ERROR; return -1; }
    u_strFromUTF8WithSub(b->data, b->capacity, &needed, text, length, 0xFFFD, NULL, status);
    if (U_FAILURE(*status)) return -1;
    return needed;
}

static int32_t to8(const UChar *text, int32_t length, char *out, int32_t capacity, UErrorCode *status) {
    int32_t needed = 0;
    UErrorCode s = U_ZERO_ERROR;
    u_strToUTF8WithSub(out, capacity, &needed, text, length, 0xFFFD, NULL, &s);
    if (s == U_BUFFER_OVERFLOW_ERROR || s == U_STRING_NOT_TERMINATED_WARNING) s = U_ZERO_ERROR;
    *status = s;
    return needed;
}

void tj_icu_version(char *out, int32_t capacity) {
    UVersionInfo v;
    u_getVersion(v);
    char s[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, s);
    strncpy(out, s, (size_t)capacity - 1);
    out[capacity - 1] = 0;
}

const char *tj_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

// ---------------------------------------------------------------- transliteration

struct TJTransliterator {
    UTransliterator *t;
    Buffer16 buffer;
};

TJTransliterator *tj_translit_open(const char *id, int32_t idLength, const char *rules, int32_t rulesLength,
                                   int32_t reverse, int32_t *errorLine, int32_t *errorOffset, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    *errorLine = -1;
    *errorOffset = -1;
    Buffer16 idBuffer = {0}, ruleBuffer = {0};
    int32_t id16 = to16(&idBuffer, id, idLength, &s);
    int32_t rules16 = 0;
    if (U_SUCCESS(s) && rules) rules16 = to16(&ruleBuffer, rules, rulesLength, &s);
    UTransliterator *t = NULL;
    if (U_SUCCESS(s)) {
        UParseError pe;
        memset(&pe, 0, sizeof pe);
        pe.line = -1;
        pe.offset = -1;
        t = utrans_openU(idBuffer.data, id16, reverse ? UTRANS_REVERSE : UTRANS_FORWARD,
                         rules ? ruleBuffer.data : NULL, rules ? rules16 : 0, &pe, &s);
        *errorLine = pe.line;
        *errorOffset = pe.offset;
    }
    free(idBuffer.data);
    free(ruleBuffer.data);
    *status = s;
    if (U_FAILURE(s)) {
        if (t) utrans_close(t);
        return NULL;
    }
    TJTransliterator *r = (TJTransliterator *)calloc(1, sizeof *r);
    if (!r) { utrans_close(t); *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    r->t = t;
    return r;
}

TJTransliterator *tj_translit_clone(const TJTransliterator *t, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UTransliterator *c = utrans_clone(t->t, &s);
    *status = s;
    if (U_FAILURE(s)) return NULL;
    TJTransliterator *r = (TJTransliterator *)calloc(1, sizeof *r);
    if (!r) { utrans_close(c); *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    r->t = c;
    return r;
}

void tj_translit_close(TJTransliterator *t) {
    if (!t) return;
    utrans_close(t->t);
    free(t->buffer.data);
    free(t);
}

int32_t tj_translit_utf8(TJTransliterator *t, const char *text, int32_t length, char *out, int32_t capacity,
                         int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    int32_t n = to16(&t->buffer, text, length, &s);
    if (U_FAILURE(s)) { *status = s; return 0; }
    // Rules may lengthen the text; retry with room to spare until it fits.
    int32_t room = n * 4 + 16;
    for (;;) {
        if (!reserve16(&t->buffer, room)) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
        // The buffer holds the source only in its first n units; re-convert after a failed try.
        if (s == U_BUFFER_OVERFLOW_ERROR) {
            s = U_ZERO_ERROR;
            n = to16(&t->buffer, text, length, &s);
            if (U_FAILURE(s)) { *status = s; return 0; }
        }
        int32_t len = n, limit = n;
        utrans_transUChars(t->t, t->buffer.data, &len, t->buffer.capacity, 0, &limit, &s);
        if (s == U_BUFFER_OVERFLOW_ERROR) {
            room = t->buffer.capacity * 2;
            continue;
        }
        if (U_FAILURE(s)) { *status = s; return 0; }
        return to8(t->buffer.data, len, out, capacity, status);
    }
}

int32_t tj_translit_available_ids(char *out, int32_t capacity, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UEnumeration *e = utrans_openIDs(&s);
    if (U_FAILURE(s)) { *status = s; return 0; }
    int32_t total = 0;
    const char *id;
    int32_t len;
    while ((id = uenum_next(e, &len, &s)) != NULL && U_SUCCESS(s)) {
        if (total + len + 1 <= capacity) {
            memcpy(out + total, id, (size_t)len);
            out[total + len] = '\n';
        }
        total += len + 1;
    }
    uenum_close(e);
    *status = s;
    return total;
}

// ---------------------------------------------------------------- normalization

struct TJNormalizer;  // Stands for ICU's UNormalizer2 singletons.

const TJNormalizer *tj_normalizer(int32_t form, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    const UNormalizer2 *n = NULL;
    switch (form) {
        case 0: n = unorm2_getNFCInstance(&s); break;
        case 1: n = unorm2_getNFDInstance(&s); break;
        case 2: n = unorm2_getNFKCInstance(&s); break;
        case 3: n = unorm2_getNFKDInstance(&s); break;
        default: s = U_ILLEGAL_ARGUMENT_ERROR;
    }
    *status = s;
    return (const TJNormalizer *)n;
}

int32_t tj_normalize_utf8(const TJNormalizer *n, const char *text, int32_t length, char *out, int32_t capacity,
                          int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    Buffer16 src = {0}, dst = {0};
    int32_t result = 0;
    int32_t n16 = to16(&src, text, length, &s);
    if (U_SUCCESS(s)) {
        // NFKC can expand a code point up to 18 times (U+FDFA); start generous, grow on demand.
        int32_t room = n16 * 3 + 16;
        for (;;) {
            if (!reserve16(&dst, room)) { s = U_MEMORY_ALLOCATION_ERROR; break; }
            s = U_ZERO_ERROR;
            int32_t len = unorm2_normalize((const UNormalizer2 *)n, src.data, n16, dst.data, dst.capacity, &s);
            if (s == U_BUFFER_OVERFLOW_ERROR) { room = len + 16; continue; }
            if (U_SUCCESS(s)) result = to8(dst.data, len, out, capacity, &s);
            break;
        }
    }
    free(src.data);
    free(dst.data);
    *status = s;
    return result;
}

void tj_normalizer_table(const TJNormalizer *n, uint16_t *table, int32_t count, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    const UNormalizer2 *norm = (const UNormalizer2 *)n;
    for (int32_t c = 0; c < count && c <= 0xFFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) { table[c] = 0; continue; }
        UChar u = (UChar)c;
        UNormalizationCheckResult qc = unorm2_quickCheck(norm, &u, 1, &s);
        uint16_t q = qc == UNORM_YES ? 1 : (qc == UNORM_MAYBE ? 2 : 0);
        // A character that is "yes" alone may still compose with a following mark (ا + ٓ → آ):
        // those marks are "maybe", so the scan catches the pair at the mark.
        table[c] = (uint16_t)(unorm2_getCombiningClass(norm, c) | (q << 8));
        if (U_FAILURE(s)) break;
    }
    *status = s;
}

// ---------------------------------------------------------------- word breaks

struct TJWordBreak {
    UBreakIterator *b;
    Buffer16 text;      // the UTF-16 copy ICU iterates (UTF-16 is much faster than a UTF-8 UText)
    const char *utf8;   // the caller's UTF-8, to map UTF-16 boundaries back to byte offsets
    int32_t length16;
    int32_t position16; // the last boundary, in UTF-16 units and in bytes
    int64_t position8;
};

static TJWordBreak *wrap_break(UBreakIterator *b, int32_t *status) {
    TJWordBreak *r = (TJWordBreak *)calloc(1, sizeof *r);
    if (!r) { ubrk_close(b); *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    r->b = b;
    return r;
}

TJWordBreak *tj_wordbreak_open(const char *locale, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UBreakIterator *b = ubrk_open(UBRK_WORD, locale, NULL, 0, &s);
    *status = U_FAILURE(s) ? s : 0;
    if (U_FAILURE(s)) return NULL;
    return wrap_break(b, status);
}

TJWordBreak *tj_wordbreak_clone(const TJWordBreak *w, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UBreakIterator *b = ubrk_clone(w->b, &s);
    *status = U_FAILURE(s) ? s : 0;
    if (U_FAILURE(s)) return NULL;
    return wrap_break(b, status);
}

void tj_wordbreak_close(TJWordBreak *w) {
    if (!w) return;
    ubrk_close(w->b);
    free(w->text.data);
    free(w);
}

void tj_wordbreak_set_text(TJWordBreak *w, const char *text, int64_t length, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    if (length > INT32_MAX / 2) { *status = U_INDEX_OUTOFBOUNDS_ERROR; return; }
    int32_t n = to16(&w->text, text, (int32_t)length, &s);
    if (U_SUCCESS(s)) ubrk_setText(w->b, w->text.data, n, &s);
    w->utf8 = text;
    w->length16 = n < 0 ? 0 : n;
    w->position16 = 0;
    w->position8 = 0;
    *status = U_FAILURE(s) ? s : 0;
}

// Advances the byte offset along the UTF-16 text up to a boundary.
static int64_t advance8(TJWordBreak *w, int32_t boundary16) {
    const UChar *u = w->text.data;
    int32_t i = w->position16;
    int64_t o = w->position8;
    while (i < boundary16) {
        UChar c = u[i];
        if (c < 0x80) { o += 1; i += 1; }
        else if (c < 0x800) { o += 2; i += 1; }
        else if (U16_IS_LEAD(c) && i + 1 < boundary16 + 1 && U16_IS_TRAIL(u[i + 1])) { o += 4; i += 2; }
        else { o += 3; i += 1; }
    }
    w->position16 = i;
    w->position8 = o;
    return o;
}

int64_t tj_wordbreak_next(TJWordBreak *w) {
    int32_t n = ubrk_next(w->b);
    return n == UBRK_DONE ? -1 : advance8(w, n);
}

int32_t tj_wordbreak_rule_status(const TJWordBreak *w) { return ubrk_getRuleStatus(w->b); }

int32_t tj_wordbreak_next_batch(TJWordBreak *w, int64_t *ends, int32_t *statuses, int32_t capacity) {
    int32_t k = 0;
    while (k < capacity) {
        int32_t n = ubrk_next(w->b);
        if (n == UBRK_DONE) break;
        ends[k] = advance8(w, n);
        if (statuses) statuses[k] = ubrk_getRuleStatus(w->b);
        k++;
    }
    return k;
}

// ---------------------------------------------------------------- collation

struct TJCollator {
    UCollator *c;
};

TJCollator *tj_collator_open(const char *locale, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UCollator *c = ucol_open(locale, &s);
    if (U_FAILURE(s)) { *status = s; return NULL; }
    *status = s == U_USING_DEFAULT_WARNING || s == U_USING_FALLBACK_WARNING ? (int32_t)s : 0;
    TJCollator *r = (TJCollator *)calloc(1, sizeof *r);
    if (!r) { ucol_close(c); *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    r->c = c;
    return r;
}

TJCollator *tj_collator_clone(const TJCollator *c, int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UCollator *copy = ucol_clone(c->c, &s);
    *status = s;
    if (U_FAILURE(s)) return NULL;
    TJCollator *r = (TJCollator *)calloc(1, sizeof *r);
    if (!r) { ucol_close(copy); *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    r->c = copy;
    return r;
}

void tj_collator_close(TJCollator *c) {
    if (!c) return;
    ucol_close(c->c);
    free(c);
}

int32_t tj_collator_compare(const TJCollator *c, const char *a, int32_t aLength, const char *b, int32_t bLength,
                            int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    UCollationResult r = ucol_strcollUTF8(c->c, a, aLength, b, bLength, &s);
    *status = s;
    return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

int32_t tj_collator_sort_key(const TJCollator *c, const char *text, int32_t length, uint8_t *out, int32_t capacity,
                             int32_t *status) {
    UErrorCode s = U_ZERO_ERROR;
    Buffer16 b = {0};
    int32_t n = to16(&b, text, length, &s);
    int32_t needed = 0;
    if (U_SUCCESS(s)) needed = ucol_getSortKey(c->c, b.data, n, out, capacity);
    free(b.data);
    *status = s;
    return needed;
}

// ---------------------------------------------------------------- locale display names

int32_t tj_display_region(const char *region, const char *displayLocale, char *out, int32_t capacity,
                          int32_t *status) {
    char locale[32] = "und_";
    strncat(locale, region, sizeof locale - 5);
    UChar name[256];
    UErrorCode s = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayCountry(locale, displayLocale, name, 256, &s);
    if (U_FAILURE(s)) { *status = s; return 0; }
    return to8(name, n, out, capacity, status);
}

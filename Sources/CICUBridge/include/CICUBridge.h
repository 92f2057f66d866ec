// The C face of Tarjuman's ICU bridge.
//
// Only opaque handles and stdint types cross this header: ICU's own headers are included in
// bridge.c alone, because importing them into Swift next to Foundation fails on Linux and ICU
// renames its symbols with version suffixes through macros Swift cannot see.
//
// Strings cross as UTF-8 (pointer and byte length). Functions that produce text write into a
// caller's buffer and return the length they need; when that is larger than the capacity the
// caller grows the buffer and calls again. `status` receives 0 on success, a negative ICU
// warning or a positive ICU error code, which tj_error_name turns into ICU's own name.
#ifndef TARJUMAN_CICUBRIDGE_H
#define TARJUMAN_CICUBRIDGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct TJTransliterator TJTransliterator;
typedef struct TJNormalizer TJNormalizer;
typedef struct TJWordBreak TJWordBreak;
typedef struct TJCollator TJCollator;

// ---------------------------------------------------------------- version and errors
/// Writes ICU's version ("72.1") into `out` (at least 32 bytes).
void tj_icu_version(char *out, int32_t capacity);
/// ICU's name of an error code, such as "U_INVALID_ID".
const char *tj_error_name(int32_t status);

// ---------------------------------------------------------------- transliteration
/// Opens a transliterator. `rules` may be NULL (open by id) or UTF-8 rule text.
/// `reverse` is 0 for forward, 1 for reverse. On a rule error `status` is set and
/// `errorLine`/`errorOffset` locate it (line is 0-based as ICU reports it; offset within it).
TJTransliterator *tj_translit_open(const char *id, int32_t idLength,
                                   const char *rules, int32_t rulesLength,
                                   int32_t reverse,
                                   int32_t *errorLine, int32_t *errorOffset,
                                   int32_t *status);
TJTransliterator *tj_translit_clone(const TJTransliterator *t, int32_t *status);
void tj_translit_close(TJTransliterator *t);
/// Transliterates UTF-8 text into `out`; returns the byte length of the result.
int32_t tj_translit_utf8(TJTransliterator *t, const char *text, int32_t length,
                         char *out, int32_t capacity, int32_t *status);
/// The ids of every transliterator ICU knows, joined by '\n'; returns the needed length.
int32_t tj_translit_available_ids(char *out, int32_t capacity, int32_t *status);

// ---------------------------------------------------------------- normalization
/// form: 0 NFC, 1 NFD, 2 NFKC, 3 NFKD. The instances are ICU singletons: never closed.
const TJNormalizer *tj_normalizer(int32_t form, int32_t *status);
int32_t tj_normalize_utf8(const TJNormalizer *n, const char *text, int32_t length,
                          char *out, int32_t capacity, int32_t *status);
/// Fills `table[c]` for c in [0, count) with the canonical combining class (low 8 bits) and
/// the quick-check answer shifted left by 8 (0 no, 1 yes, 2 maybe), for a fast-path scan.
void tj_normalizer_table(const TJNormalizer *n, uint16_t *table, int32_t count, int32_t *status);

// ---------------------------------------------------------------- word breaks
TJWordBreak *tj_wordbreak_open(const char *locale, int32_t *status);
TJWordBreak *tj_wordbreak_clone(const TJWordBreak *b, int32_t *status);
void tj_wordbreak_close(TJWordBreak *b);
/// Points the iterator at UTF-8 text (copied as UTF-16 inside); boundaries come back as byte offsets.
void tj_wordbreak_set_text(TJWordBreak *b, const char *text, int64_t length, int32_t *status);
/// The next boundary (a byte offset), or -1 at the end.
int64_t tj_wordbreak_next(TJWordBreak *b);
/// The rule status of the segment that ends at the boundary last returned (ICU's UWordBreak).
int32_t tj_wordbreak_rule_status(const TJWordBreak *b);
/// Up to `capacity` next boundaries (byte offsets) with their rule statuses (unless `statuses`
/// is NULL, which saves asking ICU for them); returns how many
/// (0 at the end). One call per batch keeps the per-word cost of crossing into C low.
int32_t tj_wordbreak_next_batch(TJWordBreak *b, int64_t *ends, int32_t *statuses, int32_t capacity);

// ---------------------------------------------------------------- collation
TJCollator *tj_collator_open(const char *locale, int32_t *status);
TJCollator *tj_collator_clone(const TJCollator *c, int32_t *status);
void tj_collator_close(TJCollator *c);
/// -1, 0 or 1, like strcmp.
int32_t tj_collator_compare(const TJCollator *c, const char *a, int32_t aLength,
                            const char *b, int32_t bLength, int32_t *status);
/// Writes the sort key of UTF-8 text (with its trailing zero byte); returns the needed length.
int32_t tj_collator_sort_key(const TJCollator *c, const char *text, int32_t length,
                             uint8_t *out, int32_t capacity, int32_t *status);

// ---------------------------------------------------------------- locale display names
/// The display name of a region code ("UA") in a display locale ("ar", "en"), as UTF-8.
int32_t tj_display_region(const char *region, const char *displayLocale,
                          char *out, int32_t capacity, int32_t *status);

#ifdef __cplusplus
}
#endif

#endif

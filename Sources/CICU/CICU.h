// Intentionally empty: this module exists only to carry ICU's pkg-config flags
// (include path and libraries) to CICUBridge. ICU headers are included in
// CICUBridge's .c file alone, never in a header Swift can see.
#include <stdint.h>

// libhunspell's C interface (Debian: libhunspell-dev), for recognising ordinary Arabic words.
#include <hunspell/hunspell.h>

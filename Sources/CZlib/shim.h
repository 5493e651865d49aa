#ifndef ICONECT_CZLIB_SHIM_H
#define ICONECT_CZLIB_SHIM_H
#include <zlib.h>
#endif

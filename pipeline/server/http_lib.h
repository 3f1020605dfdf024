// cpp-httplib, included the way Debian's compiled libcpp-httplib was built. Its classes change
// layout with these switches (Client has TLS members under CPPHTTPLIB_OPENSSL_SUPPORT), so
// every file that includes <httplib.h> must see the same ones as the library: include this
// header instead of <httplib.h> (tests and benchmarks too).
#pragma once

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#ifndef CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#endif
#ifndef CPPHTTPLIB_BROTLI_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#endif

#include <httplib.h>

/**
 * The LINE SDK as the pages use it: the pluggable core plus only the modules they call
 * (isLoggedIn, login, getIDToken). The full `@line/liff` bundle is ~35 KB gzipped; this is ~24 KB,
 * which keeps each page's first screen within 40 KB gzipped with the SDK (decision 030).
 * Loaded with a dynamic import, only when the organisation has a LIFF id (never in simulator mode).
 */
import liff from '@line/liff/core';
import GetIDToken from '@line/liff/get-id-token';
import IsLoggedIn from '@line/liff/is-logged-in';
import Login from '@line/liff/login';

liff.use(new IsLoggedIn());
liff.use(new Login());
liff.use(new GetIDToken());

export default liff;

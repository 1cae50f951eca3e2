"""Open311 GeoReport v2, read only, for disclosed cases (https://wiki.open311.org/GeoReport_v2).

services.{json,xml} lists the case types; requests.{json,xml} and requests/{id}.{json,xml} the disclosed
(reviewed) cases with the spec's fields. Texts are masked (ducha.text.masking); nothing that is not
disclosed is served; the complainant is never part of it."""

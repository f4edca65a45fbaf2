//! Deserialisers for the request unions (an ID or an object, an amount or a range): the
//! variant is chosen by the JSON type, so an error inside it keeps its own message and path
//! (`options.customer.nme: unknown field`), where serde's `untagged` would only say that no
//! variant matched.

/// Implements `Deserialize` for an enum whose variants each take one JSON type: `str`
/// (a `String`), `int` (an `i64`) or `map` (a struct, deserialised in place so the field
/// path is kept). `expecting` finishes "expected ..." in error messages.
macro_rules! union_by_json_type {
    ($name:ident, $expecting:literal { $(str => $str_variant:ident,)? $(int => $int_variant:ident,)? $(map => $map_variant:ident($map_type:ty),)? }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Choose;

                impl<'de> serde::de::Visitor<'de> for Choose {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }

                    $(
                        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<$name, E> {
                            Ok($name::$str_variant(value.to_owned()))
                        }
                    )?

                    $(
                        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<$name, E> {
                            Ok($name::$int_variant(value))
                        }

                        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<$name, E> {
                            i64::try_from(value).map($name::$int_variant).map_err(|_| {
                                E::invalid_value(serde::de::Unexpected::Unsigned(value), &self)
                            })
                        }
                    )?

                    $(
                        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$name, A::Error> {
                            <$map_type as serde::Deserialize>::deserialize(
                                serde::de::value::MapAccessDeserializer::new(map),
                            )
                            .map($name::$map_variant)
                        }
                    )?
                }

                deserializer.deserialize_any(Choose)
            }
        }
    };
}

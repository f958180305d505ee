//! Page data as Tera receives it: a view's JSON, with some members already made into Tera
//! values. A directive is listed on a dozen pages or more (its campaign, its tags, year, type
//! and issuer lists, the pages that cite it). Its list item is made into a Tera value once per
//! build and shared, since Tera values are reference-counted, instead of being built as JSON
//! and converted again on every page that lists it.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// A member of a page's data given as a Tera value, and the keys leading to it
/// (`["directive", "cited_by"]`). It replaces the JSON's member of that name, or is added
/// beside the others when the JSON has none.
pub type Prepared = (Vec<&'static str>, tera::Value);

/// What a page's template sees: the JSON of its view and its prepared members, serialized
/// for Tera in one pass.
pub struct PageData {
    pub json: Value,
    pub prepared: Vec<Prepared>,
}

impl PageData {
    /// The data one key down: `{"directive": …}`, for a template that reads `directive.…`.
    pub fn under(key: &'static str, data: PageData) -> PageData {
        let mut json = serde_json::Map::new();
        json.insert(key.to_owned(), data.json);
        let prepared = data
            .prepared
            .into_iter()
            .map(|(mut path, value)| {
                path.insert(0, key);
                (path, value)
            })
            .collect();
        PageData { json: Value::Object(json), prepared }
    }
}

impl From<Value> for PageData {
    fn from(json: Value) -> PageData {
        PageData { json, prepared: Vec::new() }
    }
}

impl Serialize for PageData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let prepared: Vec<&Prepared> = self.prepared.iter().collect();
        Level { json: &self.json, depth: 0, prepared: &prepared }.serialize(serializer)
    }
}

/// One object of the JSON, `depth` keys down, with the prepared members at or under it.
struct Level<'a> {
    json: &'a Value,
    depth: usize,
    prepared: &'a [&'a Prepared],
}

impl Level<'_> {
    /// The prepared members whose path goes through `key` at this depth.
    fn through(&self, key: &str) -> Vec<&Prepared> {
        self.prepared.iter().copied().filter(|(path, _)| path.get(self.depth) == Some(&key)).collect()
    }

    /// The prepared member named `key` at this depth, if any.
    fn here<'p>(&self, through: &[&'p Prepared]) -> Option<&'p tera::Value> {
        through.iter().find(|(path, _)| path.len() == self.depth + 1).map(|(_, value)| value)
    }
}

impl Serialize for Level<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Value::Object(map) = self.json else { return self.json.serialize(serializer) };
        if self.prepared.is_empty() {
            return map.serialize(serializer);
        }
        let mut out = serializer.serialize_map(None)?;
        for (key, value) in map {
            let through = self.through(key);
            match self.here(&through) {
                Some(prepared) => out.serialize_entry(key, prepared)?,
                None if through.is_empty() => out.serialize_entry(key, value)?,
                None => out.serialize_entry(key, &Level { json: value, depth: self.depth + 1, prepared: &through })?,
            }
        }
        for (path, value) in self.prepared {
            if path.len() == self.depth + 1 && !map.contains_key(path[self.depth]) {
                out.serialize_entry(path[self.depth], value)?;
            }
        }
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rendered(data: PageData, template: &str) -> String {
        let mut tera = tera::Tera::new();
        tera.add_raw_template("t", template).unwrap();
        let context = tera::Context::from_serialize(&data).unwrap();
        tera.render("t", &context).unwrap()
    }

    #[test]
    fn a_prepared_member_replaces_or_joins_the_json_at_its_path() {
        let items = tera::Value::from(vec![tera::Value::from("Công văn 1"), tera::Value::from("Công văn 2")]);
        let directive = PageData {
            json: json!({"title": "Kế hoạch", "cited_by": null}),
            prepared: vec![(vec!["cited_by"], items.clone()), (vec!["campaigns"], items)],
        };
        let mut data = PageData::under("directive", directive);
        data.json["page"] = json!({"title": "Trang"});
        let out = rendered(
            data,
            "{{ directive.title }}|{{ directive.cited_by | join(sep=',') }}|{{ directive.campaigns | length }}|{{ page.title }}",
        );
        assert_eq!(out, "Kế hoạch|Công văn 1,Công văn 2|2|Trang");
    }

    #[test]
    fn without_prepared_members_the_json_is_all_there_is() {
        let json = json!({"list": {"items": [{"title": "Quyết định"}], "count": 1}});
        assert_eq!(rendered(json.into(), "{{ list.items[0].title }} {{ list.count }}"), "Quyết định 1");
    }
}

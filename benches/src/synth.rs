//! Synthetic APIs of any size, written twice: as one of our YAML specs and
//! as the equivalent OpenAPI 3.0 document for progenitor.
//!
//! Every operation `operation_<i>` is `POST /v1/resources<i>/{id}` with a
//! JSON body of 20 fields and a 200 response of 20 fields, plus a 400
//! response with a shared error body. The fields mix every kind of type the
//! spec language has (text and its formats, whole numbers, money, decimals,
//! booleans, timestamps, enums, lists, maps, free-form JSON, a nested
//! object, clearable fields) and most constraints (lengths, patterns,
//! ranges, allowed values, item and entry counts), each with a description.
//! Two named types are shared by every operation (`Status`, `Address`), and
//! each operation has its own request and response types.
//!
//! Where the two languages differ, the OpenAPI side uses the nearest
//! standard form: `decimal` is a `number`, `currency` a 3-capital pattern,
//! `url`/`email`/`timestamp` are string formats, `allowed` is an inline
//! `enum`, map limits become `maxProperties` and a value `maxLength` (JSON
//! Schema has no key-length limit in OpenAPI 3.0), and a clearable field is
//! `nullable: true`.

use std::fmt::Write as _;

/// Request fields per operation.
pub const REQUEST_FIELDS: usize = 20;
/// Response fields per operation.
pub const RESPONSE_FIELDS: usize = 20;

/// Fields of an API of `ops` operations, request and response together:
/// the unit of the per-field cost.
pub fn field_count(ops: usize) -> usize {
    ops * (REQUEST_FIELDS + RESPONSE_FIELDS)
}

/// The provider name of the synthetic spec (its module name).
pub const PROVIDER: &str = "synthetic";

/// The synthetic API as one of our YAML specs.
pub fn yaml_spec(ops: usize) -> String {
    let mut s = String::with_capacity(2_000 + ops * 4_200);
    s.push_str(
        "# Synthetic API for the generation benchmarks (benches/src/synth.rs).\n\
provider:\n\
\x20 name: synthetic\n\
\x20 title: Synthetic\n\
\x20 description: A synthetic API with many operations, for benchmarks.\n\
\x20 docs:\n\
\x20   - url: https://api.example.com/docs\n\
\x20 environments:\n\
\x20   production: https://api.example.com\n\
\x20 auth:\n\
\x20   scheme: bearer\n\
\x20   token: api_token\n\
\x20   description: The API token from the dashboard.\n\
types:\n\
\x20 Status:\n\
\x20   kind: enum\n\
\x20   description: Lifecycle state of a resource.\n\
\x20   values:\n\
\x20     - { value: pending, description: Created and not yet active. }\n\
\x20     - { value: active, description: In use. }\n\
\x20     - { value: suspended, description: Temporarily disabled. }\n\
\x20     - { value: closed, description: Closed for good. }\n\
\x20 Address:\n\
\x20   kind: object\n\
\x20   description: A postal address.\n\
\x20   fields:\n\
\x20     line1: { type: string, required: true, description: First line of the address., validation: { min_length: 1, max_length: 100 } }\n\
\x20     city: { type: string, description: City or town., validation: { max_length: 50 } }\n\
\x20     postal_code: { type: string, description: Five-digit postal code., validation: { pattern: \"[0-9]{5}\", messages: { pattern: postal_code must have five digits. } } }\n\
\x20     country: { type: string, description: Two-letter country code., validation: { min_length: 2, max_length: 2 } }\n\
\x20 ErrorBody:\n\
\x20   kind: object\n\
\x20   description: The body of a failed call.\n\
\x20   fields:\n\
\x20     code: { type: string, required: true, description: Machine-readable error code. }\n\
\x20     message: { type: string, description: What went wrong. }\n\
\x20     field: { type: string, description: The request field the error is about. }\n",
    );
    for i in 0..ops {
        write_response_type(&mut s, i);
    }
    s.push_str("operations:\n");
    for i in 0..ops {
        write_operation(&mut s, i);
    }
    s
}

fn write_response_type(s: &mut String, i: usize) {
    // `write!` to a String cannot fail.
    let _ = write!(
        s,
        "  Resource{i}:
    kind: object
    description: Resource number {i}, as the server returns it.
    fields:
      id: {{ type: string, required: true, description: Unique identifier of the resource. }}
      reference: {{ type: string, required: true, description: Your reference for the resource. }}
      quantity: {{ type: integer, required: true, description: How many units the resource holds. }}
      amount: {{ type: amount_minor, lenient: [quoted], description: Amount in minor units (cents). }}
      rate: {{ type: decimal, description: Rate applied in percent. }}
      enabled: {{ type: boolean, description: Whether the resource is enabled. }}
      created_at: {{ type: timestamp, description: When the resource was created. }}
      updated_at: {{ type: unix_time, description: When the resource last changed (seconds since the epoch). }}
      currency: {{ type: currency, description: ISO 4217 code of the amount. }}
      callback_url: {{ type: url, description: Where notifications about the resource go. }}
      contact_email: {{ type: email, description: Who to contact about the resource. }}
      status: {{ type: Status, description: Lifecycle state. }}
      tags: {{ type: list, items: string, description: Free-form labels. }}
      metadata: {{ type: map, items: string, lenient: [empty_array], description: Key-value pairs stored with the resource. }}
      channel: {{ type: string, description: Channel the resource came from. }}
      priority: {{ type: integer, description: Processing priority. }}
      note: {{ type: string, description: Free-text note. }}
      extra: {{ type: json, description: Free-form data attached by the caller. }}
      address: {{ type: Address, description: Postal address of the owner. }}
      label: {{ type: string, description: Display label. }}
"
    );
}

fn write_operation(s: &mut String, i: usize) {
    let _ = write!(
        s,
        "  operation_{i}:
    summary: Update resource number {i}.
    description: Changes the fields of resource {i} that the request sets; the others keep their values.
    method: POST
    path: /v1/resources{i}/{{id}}
    retry_safe: false
    path_params:
      id: {{ type: string, required: true, description: The resource to update. }}
    request:
      encoding: json
      description: The fields of resource {i} to change.
      fields:
        reference: {{ type: string, required: true, description: Your reference for the resource., validation: {{ min_length: 1, max_length: 64, pattern: \"[A-Za-z0-9_-]+\", messages: {{ max_length: reference must be at most 64 characters. }} }} }}
        description: {{ type: string, description: What the resource is for., validation: {{ max_length: 255 }} }}
        quantity: {{ type: integer, required: true, description: How many units the resource holds., validation: {{ minimum: 1, maximum: 1000 }} }}
        amount: {{ type: amount_minor, description: Amount in minor units (cents)., validation: {{ minimum: 0 }} }}
        rate: {{ type: decimal, description: Rate applied in percent., validation: {{ minimum: 0, maximum: 100 }} }}
        enabled: {{ type: boolean, description: Whether the resource is enabled. }}
        scheduled_at: {{ type: timestamp, description: When the change takes effect. }}
        currency: {{ type: currency, description: ISO 4217 code of the amount. }}
        callback_url: {{ type: url, description: Where notifications about the resource go. }}
        contact_email: {{ type: email, description: Who to contact about the resource. }}
        status: {{ type: Status, description: The new lifecycle state. }}
        tags: {{ type: list, items: string, description: Free-form labels., validation: {{ max_items: 10 }} }}
        metadata: {{ type: map, items: string, description: Key-value pairs stored with the resource., validation: {{ max_entries: 20, max_key_length: 40, max_value_length: 500 }} }}
        channel: {{ type: string, description: Channel the change comes from., validation: {{ allowed: [web, app, api] }} }}
        priority: {{ type: integer, description: Processing priority., validation: {{ allowed: [1, 2, 3] }} }}
        note: {{ type: string, nullable: true, description: Free-text note; null clears it., validation: {{ max_length: 500 }} }}
        expires_at: {{ type: unix_time, description: When the resource expires (seconds since the epoch). }}
        extra: {{ type: json, description: Free-form data attached by the caller. }}
        address: {{ type: Address, description: Postal address of the owner. }}
        label: {{ type: string, nullable: true, description: Display label; null clears it. }}
    response: {{ status: 200, type: Resource{i}, description: The updated resource. }}
    errors:
      - {{ status: 400, message: The request is invalid., body: ErrorBody, cause: {{ kind: request, broken: [malformed, missing, invalid] }} }}
"
    );
}

/// The same API as an OpenAPI 3.0 document (YAML text).
pub fn openapi_yaml(ops: usize) -> String {
    let mut s = String::with_capacity(2_000 + ops * 6_000);
    s.push_str(
        "# Synthetic API for the generation benchmarks (benches/src/synth.rs).
openapi: 3.0.3
info:
  title: Synthetic
  description: A synthetic API with many operations, for benchmarks.
  version: 1.0.0
servers:
  - url: https://api.example.com
security:
  - bearer: []
paths:
",
    );
    for i in 0..ops {
        write_path(&mut s, i);
    }
    s.push_str(
        "components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    Status:
      type: string
      description: Lifecycle state of a resource.
      enum: [pending, active, suspended, closed]
    Address:
      type: object
      description: A postal address.
      required: [line1]
      properties:
        line1: { type: string, description: First line of the address., minLength: 1, maxLength: 100 }
        city: { type: string, description: City or town., maxLength: 50 }
        postal_code: { type: string, description: Five-digit postal code., pattern: \"^[0-9]{5}$\" }
        country: { type: string, description: Two-letter country code., minLength: 2, maxLength: 2 }
    ErrorBody:
      type: object
      description: The body of a failed call.
      required: [code]
      properties:
        code: { type: string, description: Machine-readable error code. }
        message: { type: string, description: What went wrong. }
        field: { type: string, description: The request field the error is about. }
",
    );
    for i in 0..ops {
        write_schemas(&mut s, i);
    }
    s
}

fn write_path(s: &mut String, i: usize) {
    let _ = write!(
        s,
        "  /v1/resources{i}/{{id}}:
    post:
      operationId: operation_{i}
      summary: Update resource number {i}.
      description: Changes the fields of resource {i} that the request sets; the others keep their values.
      parameters:
        - {{ name: id, in: path, required: true, description: The resource to update., schema: {{ type: string }} }}
      requestBody:
        required: true
        content:
          application/json:
            schema: {{ $ref: \"#/components/schemas/Resource{i}Request\" }}
      responses:
        \"200\":
          description: The updated resource.
          content:
            application/json:
              schema: {{ $ref: \"#/components/schemas/Resource{i}\" }}
        \"400\":
          description: The request is invalid.
          content:
            application/json:
              schema: {{ $ref: \"#/components/schemas/ErrorBody\" }}
"
    );
}

fn write_schemas(s: &mut String, i: usize) {
    let _ = write!(
        s,
        "    Resource{i}Request:
      type: object
      description: The fields of resource {i} to change.
      required: [reference, quantity]
      properties:
        reference: {{ type: string, description: Your reference for the resource., minLength: 1, maxLength: 64, pattern: \"^[A-Za-z0-9_-]+$\" }}
        description: {{ type: string, description: What the resource is for., maxLength: 255 }}
        quantity: {{ type: integer, format: int64, description: How many units the resource holds., minimum: 1, maximum: 1000 }}
        amount: {{ type: integer, format: int64, description: Amount in minor units (cents)., minimum: 0 }}
        rate: {{ type: number, description: Rate applied in percent., minimum: 0, maximum: 100 }}
        enabled: {{ type: boolean, description: Whether the resource is enabled. }}
        scheduled_at: {{ type: string, format: date-time, description: When the change takes effect. }}
        currency: {{ type: string, description: ISO 4217 code of the amount., pattern: \"^[A-Z]{{3}}$\" }}
        callback_url: {{ type: string, format: uri, description: Where notifications about the resource go. }}
        contact_email: {{ type: string, format: email, description: Who to contact about the resource. }}
        status: {{ allOf: [{{ $ref: \"#/components/schemas/Status\" }}], description: The new lifecycle state. }}
        tags: {{ type: array, items: {{ type: string }}, description: Free-form labels., maxItems: 10 }}
        metadata: {{ type: object, additionalProperties: {{ type: string, maxLength: 500 }}, description: Key-value pairs stored with the resource., maxProperties: 20 }}
        channel: {{ type: string, description: Channel the change comes from., enum: [web, app, api] }}
        priority: {{ type: integer, format: int64, description: Processing priority., enum: [1, 2, 3] }}
        note: {{ type: string, nullable: true, description: Free-text note; null clears it., maxLength: 500 }}
        expires_at: {{ type: integer, format: int64, description: When the resource expires (seconds since the epoch). }}
        extra: {{ description: Free-form data attached by the caller. }}
        address: {{ allOf: [{{ $ref: \"#/components/schemas/Address\" }}], description: Postal address of the owner. }}
        label: {{ type: string, nullable: true, description: Display label; null clears it. }}
    Resource{i}:
      type: object
      description: Resource number {i}, as the server returns it.
      required: [id, reference, quantity]
      properties:
        id: {{ type: string, description: Unique identifier of the resource. }}
        reference: {{ type: string, description: Your reference for the resource. }}
        quantity: {{ type: integer, format: int64, description: How many units the resource holds. }}
        amount: {{ type: integer, format: int64, description: Amount in minor units (cents). }}
        rate: {{ type: number, description: Rate applied in percent. }}
        enabled: {{ type: boolean, description: Whether the resource is enabled. }}
        created_at: {{ type: string, format: date-time, description: When the resource was created. }}
        updated_at: {{ type: integer, format: int64, description: When the resource last changed (seconds since the epoch). }}
        currency: {{ type: string, description: ISO 4217 code of the amount. }}
        callback_url: {{ type: string, format: uri, description: Where notifications about the resource go. }}
        contact_email: {{ type: string, format: email, description: Who to contact about the resource. }}
        status: {{ allOf: [{{ $ref: \"#/components/schemas/Status\" }}], description: Lifecycle state. }}
        tags: {{ type: array, items: {{ type: string }}, description: Free-form labels. }}
        metadata: {{ type: object, additionalProperties: {{ type: string }}, description: Key-value pairs stored with the resource. }}
        channel: {{ type: string, description: Channel the resource came from. }}
        priority: {{ type: integer, format: int64, description: Processing priority. }}
        note: {{ type: string, description: Free-text note. }}
        extra: {{ description: Free-form data attached by the caller. }}
        address: {{ allOf: [{{ $ref: \"#/components/schemas/Address\" }}], description: Postal address of the owner. }}
        label: {{ type: string, description: Display label. }}
"
    );
}

/// A spec of one operation whose request holds the first of `n` named
/// object types chained `T0 -> T1 -> … -> T{n-1}`, each with a constrained
/// text field: the shape that made cycle detection and validator emission
/// super-linear (and recursive) in the number of types.
pub fn type_chain(n: usize) -> String {
    let mut s = String::from(
        "provider:\n  name: chain\n  title: Chain\n  description: A chain of types.\n  docs: []\n  environments:\n    production: https://api.chain.test\n  auth:\n    scheme: bearer\n    token: token\n    description: A token.\n\ntypes:\n",
    );
    for i in 0..n {
        let _ = write!(
            s,
            "  T{i}:\n    kind: object\n    description: Link {i}.\n    fields:\n"
        );
        if i + 1 < n {
            let _ = write!(
                s,
                "      next:\n        type: T{}\n        description: The next link.\n",
                i + 1
            );
        }
        s.push_str("      v:\n        type: string\n        description: A value.\n        validation: { max_length: 5 }\n");
    }
    s.push_str(
        "\noperations:\n  update:\n    summary: Update.\n    method: POST\n    path: /chain/{id}\n    retry_safe: false\n    path_params:\n      id: { type: string, required: true, description: The id. }\n    request:\n      encoding: json\n      fields:\n        chain: { type: T0, required: true, description: The chain. }\n    response:\n      status: 200\n      type: T0\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline;

    #[test]
    fn our_spec_checks_clean_and_generates() {
        let code = pipeline::ours("synthetic.yaml", &yaml_spec(3)).expect("generates");
        assert!(code.contains("pub struct Operation2Request"), "{code}");
        assert!(code.contains("pub struct Resource2"));
        assert_eq!(
            code.matches("pub fn operation_").count(),
            6,
            "a method and its request builder each"
        );
    }

    #[test]
    fn the_openapi_document_generates_with_progenitor() {
        let code = pipeline::progenitor(&openapi_yaml(3)).expect("generates");
        assert!(code.contains("pub async fn operation_2"), "{code}");
        assert!(code.contains("Resource2Request"));
    }

    #[test]
    fn fields_per_operation() {
        assert_eq!(field_count(100), 4_000);
        let yaml = yaml_spec(1);
        let spec = pipeline::load("s.yaml", &yaml).expect("loads");
        let op = &spec.spec.operations["operation_0"];
        let fields = op.request.as_ref().map_or(0, |r| r.fields.len());
        assert_eq!(fields, REQUEST_FIELDS);
        assert_eq!(spec.spec.types["Resource0"].fields.len(), RESPONSE_FIELDS);
    }
}

"""Independent check of what the shieldcheck binary writes (see
crates/cli/tests/interop_artifacts.rs): every QR image decodes (zxing-cpp) to its
payload exactly; every presentation's credential verifies under the published issuer key named by
its kid (pycose), and its device signature under the key bound in `cnf` (cryptography); the
signed status list verifies (pycose) and its 2-bit entries, read here per
draft-ietf-oauth-status-list, say what the manifest expects.

    SHIELDCHECK_INTEROP_DIR=DIR cargo test -p shieldcheck-cli --test interop_artifacts
    python tests/interop/check_artifacts.py DIR

Run by .ci/run in a virtual environment with pycose==1.1.0, "cbor2<6", base45==0.4.4,
zxing-cpp==2.3.0 and pillow==11.3.0 (cryptography comes with pycose). Nothing here uses
shieldcheck's code. Prints one line per check; exits 1 at the first failure.
"""

import base64
import hashlib
import io
import json
import os
import sys
import zlib

import base45
import cbor2
import zxingcpp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from PIL import Image
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import Sign1Message

STATUS_LIST_TYP = "application/statuslist+cwt"
STATUS_CODES = {"valid": 0, "revoked": 1, "suspended": 2}
# QR version 20 at error correction level Q holds 702 alphanumeric characters.
MAX_QR_CHARS = 702
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
MAX_INFLATED_BYTES = 1 << 20

checks = 0


def fail(what):
    print(f"FAILED: {what}")
    sys.exit(1)


def check(condition, what):
    global checks
    if not condition:
        fail(what)
    checks += 1
    print(f"ok - {what}")


def loads_exact(data):
    """One CBOR item that fills `data` exactly."""
    stream = io.BytesIO(data)
    value = cbor2.CBORDecoder(stream).decode()
    if stream.tell() != len(data):
        raise ValueError(f"{len(data) - stream.tell()} trailing bytes")
    return value


def b64url(text):
    if "=" in text:
        raise ValueError("padding in base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def open_sign1(data, keys, what):
    """Decodes an untagged COSE_Sign1, finds its key by the protected kid, checks it is EdDSA
    with an empty unprotected header, and verifies the signature with pycose. Returns the
    protected header (decoded by cbor2) and the payload."""
    item = loads_exact(data)
    check(isinstance(item, list) and len(item) == 4, f"{what}: a 4-item COSE_Sign1 array")
    protected = loads_exact(item[0])
    check(item[1] == {}, f"{what}: empty unprotected header")
    check(protected.get(1) == -8, f"{what}: alg EdDSA (-8) in the protected header")
    kid = protected.get(4)
    check(isinstance(kid, bytes) and kid.decode() in keys, f"{what}: kid {kid!r} is in keys.json")
    # shieldcheck writes untagged COSE_Sign1; pycose decodes the tagged form.
    msg = Sign1Message.decode(cbor2.dumps(cbor2.CBORTag(18, item)))
    msg.key = keys[kid.decode()]
    check(msg.verify_signature(), f"{what}: issuer signature (pycose, EdDSA, kid {kid.decode()})")
    tampered = list(item)
    tampered[3] = bytes([item[3][0] ^ 1]) + item[3][1:]
    bad = Sign1Message.decode(cbor2.dumps(cbor2.CBORTag(18, tampered)))
    bad.key = keys[kid.decode()]
    check(not bad.verify_signature(), f"{what}: a flipped signature bit fails (the check is not vacuous)")
    return protected, kid.decode(), msg.payload


def device_public_key(cose_key, what):
    """The P-256 key in a COSE_Key (RFC 9053 §7.1.1): y is 32 bytes or a sign bit."""
    check(cose_key.get(1) == 2 and cose_key.get(-1) == 1, f"{what}: cnf key is EC2 (2) on P-256 (1)")
    x, y = cose_key.get(-2), cose_key.get(-3)
    check(isinstance(x, bytes) and len(x) == 32, f"{what}: cnf x is 32 bytes")
    if isinstance(y, bool):
        point = (b"\x03" if y else b"\x02") + x
    else:
        check(isinstance(y, bytes) and len(y) == 32, f"{what}: cnf y is 32 bytes or a sign bit")
        point = b"\x04" + x + y
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as e:
        fail(f"{what}: cnf key is not a P-256 point: {e}")


def es256_verifies(key, signature, message):
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        key.verify(der, message, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def main(directory):
    path = lambda name: os.path.join(directory, name)  # noqa: E731
    manifest_path = path("manifest.json")
    check(os.path.isfile(manifest_path), f"{manifest_path} exists")
    manifest = json.load(open(manifest_path))
    entries = manifest["presentations"]
    check(len(entries) >= 4, f"{len(entries)} presentations in the manifest")
    check({e["expected_status"] for e in entries} == set(STATUS_CODES), "valid, revoked and suspended are all covered")
    check(
        any(e["challenge"] for e in entries) and any(not e["challenge"] for e in entries),
        "presentations with and without a challenge",
    )

    # The published key set: Ed25519 JWKs (RFC 8037) by kid.
    key_set = json.load(open(path(manifest["keys"])))
    keys, signing = {}, {}
    for jwk in key_set["keys"]:
        check(
            (jwk["kty"], jwk["crv"], jwk["alg"], jwk["use"]) == ("OKP", "Ed25519", "EdDSA", "sig"),
            f"keys.json: {jwk['kid']} is an Ed25519 signature key",
        )
        x = b64url(jwk["x"])
        check(len(x) == 32, f"keys.json: {jwk['kid']} x is 32 bytes")
        keys[jwk["kid"]] = OKPKey(crv=Ed25519, x=x)
        signing[jwk["kid"]] = jwk.get("signing")

    # The status list token.
    protected, list_kid, body = open_sign1(open(path(manifest["status_list"]), "rb").read(), keys, "status list")
    check(protected.get(16) == STATUS_LIST_TYP, f"status list: typ (16) is {STATUS_LIST_TYP}")
    check(signing.get(list_kid) is True, f"status list: signed by the current signing key {list_kid}")
    claims = loads_exact(body)
    uri = claims.get(2)
    check(isinstance(uri, str) and uri, f"status list: sub (2) is its uri {uri!r}")
    iat, exp, ttl = claims.get(6), claims.get(4), claims.get(65534)
    check(isinstance(iat, int) and (exp is None or exp > iat), f"status list: iat {iat}, exp {exp}, ttl {ttl}")
    status_list = claims.get(65533)
    check(isinstance(status_list, dict) and status_list.get("bits") == 2, "status list: 2 bits per entry")
    inflater = zlib.decompressobj()
    raw = inflater.decompress(status_list["lst"], MAX_INFLATED_BYTES + 1)
    check(inflater.eof and not inflater.unconsumed_tail, "status list: lst is complete zlib data")
    check(len(raw) <= MAX_INFLATED_BYTES, f"status list: inflates to {len(raw)} bytes, at most 1 MiB")
    check(len(raw) * 4 >= 131072, f"status list: {len(raw) * 4} entries, at least 131,072")

    def status_at(i):
        # Entry i: byte i*2//8, from bit (i*2) % 8, least significant first.
        return (raw[i * 2 // 8] >> ((i * 2) % 8)) & 0b11

    not_valid = set()
    for entry in entries:
        name = entry["name"]
        payload = open(path(entry["payload_file"]), encoding="utf-8").read()

        # The QR image, read by zxing-cpp.
        image = Image.open(path(entry["png_file"]))
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        check(len(found) == 1, f"{name}: zxing-cpp finds one QR code in {entry['png_file']}")
        check(
            found[0].valid and found[0].text == payload and bytes(found[0].bytes) == payload.encode(),
            f"{name}: zxing-cpp decodes exactly the payload",
        )
        check(found[0].ec_level == "Q", f"{name}: error correction level Q (zxing-cpp says {found[0].ec_level})")
        check(
            set(payload) <= QR_ALPHANUMERIC and len(payload) <= MAX_QR_CHARS,
            f"{name}: {len(payload)} QR-alphanumeric characters, within version 20 at level Q",
        )

        # The presentation: SC1: + Base45 of [credential, time step, challenge, r || s].
        check(payload.startswith("SC1:"), f"{name}: SC1: prefix")
        item = loads_exact(base45.b45decode(payload[4:]))
        check(isinstance(item, list) and len(item) == 4, f"{name}: a 4-item presentation array")
        credential, step, challenge, signature = item
        check(
            isinstance(credential, bytes)
            and isinstance(step, int)
            and step >= 0
            and (challenge is None or isinstance(challenge, str))
            and isinstance(signature, bytes)
            and len(signature) == 64,
            f"{name}: presentation item types",
        )
        check(challenge == entry["challenge"], f"{name}: challenge {challenge!r}")

        # The credential: issuer signature, then the claims.
        _, kid, body = open_sign1(credential, keys, f"{name} credential")
        check(kid == entry["kid"], f"{name}: signed by {kid}, as the manifest says")
        claims = loads_exact(body)
        check(claims.get(-65537) == entry["member_id"], f"{name}: member id {entry['member_id']}")
        check(0 < claims[4] - claims[5] <= 30 * 86400, f"{name}: valid for at most 30 days")
        status_ref = claims[65535]["status_list"]
        check(status_ref["idx"] == entry["status_index"], f"{name}: status index {status_ref['idx']}")
        check(status_ref["uri"] == uri, f"{name}: status uri {status_ref['uri']} is the list's")

        # The device signature over SHA-256(credential) || step (8 bytes, big-endian) || challenge.
        device = device_public_key(claims[8][1], name)
        message = hashlib.sha256(credential).digest() + step.to_bytes(8, "big") + (challenge or "").encode()
        check(es256_verifies(device, signature, message), f"{name}: device ES256 signature")
        check(
            not es256_verifies(device, signature, message + b"0"),
            f"{name}: the device signature does not verify another message",
        )

        # The status list entry.
        want = STATUS_CODES[entry["expected_status"]]
        got = status_at(status_ref["idx"])
        check(got == want, f"{name}: status list entry {status_ref['idx']} is {got}, {entry['expected_status']} ({want})")
        if want:
            not_valid.add(status_ref["idx"])

    nonzero = sum(1 for i in range(len(raw) * 4) if status_at(i))
    check(nonzero == len(not_valid), f"status list: {nonzero} non-zero entries, the {len(not_valid)} revoked or suspended")
    print(f"{checks} passed, 0 failed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_artifacts.py DIR")
    try:
        main(sys.argv[1])
    except Exception as e:  # a malformed artifact fails the check, it does not crash it
        fail(f"after {checks} checks: {type(e).__name__}: {e}")

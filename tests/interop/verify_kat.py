"""Independent check of shieldcheck's credential format with Python's pycose, cbor2,
base45 and cryptography: verifies the issuer signatures of the known-answer credential and
status list token, the device's ES256 signature over a presentation, and reads the status
list bits without shieldcheck's code.

    python tests/interop/verify_kat.py crates/credential/tests/data/credential-kat.json

Run by .ci/run in a virtual environment (pycose==1.1.0, "cbor2<6", base45==0.4.4; cryptography
comes with pycose).
"""

import hashlib
import json
import sys
import zlib

import base45
import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import Sign1Message

checks = 0


def check(condition, what):
    global checks
    if not condition:
        print(f"FAILED: {what}")
        sys.exit(1)
    checks += 1
    print(f"ok - {what}")


def sign1(data, key):
    # shieldcheck writes untagged COSE_Sign1; pycose decodes the tagged form.
    msg = Sign1Message.decode(cbor2.dumps(cbor2.CBORTag(18, cbor2.loads(data))))
    msg.key = key
    return msg


kat = json.load(open(sys.argv[1]))
issuer = OKPKey(crv=Ed25519, x=bytes.fromhex(kat["issuer_public_hex"]))

credential = bytes.fromhex(kat["credential_hex"])
msg = sign1(credential, issuer)
check(kat["issuer_kid"].encode() in msg.phdr.values(), "credential kid in the protected header")
check(msg.verify_signature(), "credential issuer signature (EdDSA)")
claims = cbor2.loads(msg.payload)
check(claims[-65538] == "Rivera" and claims[-65541] == "4471", "credential claims readable")
check(claims[4] - claims[5] <= 30 * 86400, "validity at most 30 days")
cose_key = claims[8][1]
check(cose_key[1] == 2 and cose_key[-1] == 1 and len(cose_key[-2]) == 32, "cnf is an EC2 P-256 COSE_Key")
# y is the coordinate (32 bytes) or, as shieldcheck writes it, only its sign bit (RFC 9053 §7.1.1).
y = cose_key[-3]
if isinstance(y, bool):
    point = (b"\x03" if y else b"\x02") + cose_key[-2]
else:
    point = b"\x04" + cose_key[-2] + y
device = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
device_public = device.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
check(device_public.hex() == kat["device_public_sec1_hex"], "cnf holds the device key")

# The presentation: SC1: + Base45 of [credential, step, challenge, r||s].
payload = kat["presentation"]
check(payload.startswith("SC1:"), "presentation prefix")
cred, step, challenge, sig = cbor2.loads(base45.b45decode(payload[4:]))
check(cred == credential, "presentation carries the credential")
check(step == kat["presented_at_unix"] // 30, "time step")
message = hashlib.sha256(cred).digest() + step.to_bytes(8, "big") + (challenge.encode() if challenge else b"")
der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
device.verify(der, message, ec.ECDSA(hashes.SHA256()))
check(True, "device ES256 signature")

# The status list token.
token = sign1(bytes.fromhex(kat["status_list_token_hex"]), issuer)
check(token.verify_signature(), "status list issuer signature (EdDSA)")
protected = cbor2.loads(token.phdr_encoded)
check(protected.get(1) == -8 and protected.get(4) == kat["issuer_kid"].encode(), "status list alg EdDSA and kid")
check(protected.get(16) == "application/statuslist+cwt", "status list typ (16)")
check(token.uhdr == {}, "status list unprotected header empty")
body = cbor2.loads(token.payload)
check(isinstance(body.get(2), str) and body[2] == claims[65535]["status_list"]["uri"], "status list sub is the credential's uri")
status_list = body[65533]
check(status_list["bits"] == 2, "2 bits per entry")
inflater = zlib.decompressobj()
raw = inflater.decompress(status_list["lst"], (1 << 20) + 1)
check(inflater.eof and len(raw) <= 1 << 20, "lst is complete zlib data, at most 1 MiB inflated")
check(len(raw) * 4 >= 131072, "at least 131,072 entries")


def status(i):
    return (raw[i * 2 // 8] >> ((i * 2) % 8)) & 0b11


check(status(kat["status_list_revoked_index"]) == 1, "revoked entry reads 1")
check(status(kat["status_list_suspended_index"]) == 2, "suspended entry reads 2")
check(status(0) == 0 and status(claims[65535]["status_list"]["idx"]) == 0, "other entries read 0")
nonzero = sum(1 for i in range(len(raw) * 4) if status(i))
check(nonzero == 2, "exactly the revoked and the suspended entries are non-zero")

# A tampered credential must fail.
tampered = bytearray(credential)
tampered[-1] ^= 1
check(not sign1(bytes(tampered), issuer).verify_signature(), "tampered credential fails")

print(f"{checks} passed, 0 failed")

#!/usr/bin/python3
# LabBench local lab: kops, answered by the lab. This client signs each command with the lab's
# credentials (SigV4, service "kops") and sends it to the lab's AWS endpoint, where the cluster's
# state lives; it runs $EDITOR itself for "kops edit" and writes the kubeconfig for "kops export".
import configparser, datetime, hashlib, hmac, json, os, subprocess, sys, tempfile, urllib.request, urllib.error

ENDPOINT = "@ENDPOINT@"
CREDENTIALS = "@CREDENTIALS@"


def credentials():
    c = configparser.ConfigParser()
    c.read(CREDENTIALS)
    return c["default"]["aws_access_key_id"], c["default"]["aws_secret_access_key"]


def sign(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def call(payload):
    body = json.dumps(payload).encode()
    access, secret = credentials()
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, date = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    host = ENDPOINT.split("//", 1)[1]
    payload_hash = hashlib.sha256(body).hexdigest()
    signed = "content-type;host;x-amz-date"
    canonical = "\n".join(["POST", "/kops", "", "content-type:application/json", "host:" + host,
                           "x-amz-date:" + amz_date, "", signed, payload_hash])
    scope = date + "/us-east-1/kops/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = sign(sign(sign(sign(("AWS4" + secret).encode(), date), "us-east-1"), "kops"), "aws4_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(ENDPOINT + "/kops", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Amz-Date": amz_date,
        "Authorization": "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (access, scope, signed, signature)})
    try:
        with urllib.request.urlopen(request, timeout=1900) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as e:
        return {"stdout": "", "stderr": "Error: the lab's endpoint refused kops: %s\n" % e.read().decode(errors="replace"), "exit": 1}
    except (urllib.error.URLError, OSError) as e:
        return {"stdout": "", "stderr": "Error: cannot reach the lab's endpoint at %s (%s); is the local lab up?\n" % (ENDPOINT, e), "exit": 1}


def show(answer):
    sys.stdout.write(answer.get("stdout", ""))
    sys.stdout.flush()
    sys.stderr.write(answer.get("stderr", ""))
    sys.stderr.flush()


def edit(args, document):
    editor = os.environ.get("KUBE_EDITOR") or os.environ.get("EDITOR") or "vi"
    for _ in range(10):
        with tempfile.NamedTemporaryFile("w", prefix="kops-edit-", suffix=".yaml", delete=False) as f:
            f.write(document)
            path = f.name
        try:
            # $EDITOR may carry arguments ("code --wait"), so the shell splits it, as kubectl does
            if subprocess.call(["/bin/sh", "-c", editor + ' "$1"', "kops-edit", path]) != 0:
                sys.stderr.write("error: the editor %s exited with an error; no changes made\n" % editor)
                return 1
            with open(path) as f:
                edited = f.read()
        finally:
            os.unlink(path)
        if edited == document:
            if "# error:" in document:
                sys.stderr.write("error: Edit cancelled, no valid changes were saved.\n")
                return 1
            sys.stderr.write("Edit cancelled, no changes made.\n")
            return 0
        answer = call({"args": args, "edited": edited})
        show(answer)
        if "edit" not in answer:
            return answer.get("exit", 1)
        document = answer["edit"]
    return 1


def main(args):
    answer = call({"args": args})
    if "edit" in answer:
        return edit(args, answer["edit"])
    if "kubeconfig" in answer:
        target = (os.environ.get("KUBECONFIG") or os.path.expanduser("~/.kube/config")).split(":")[0]
        current = open(target).read() if os.path.exists(target) else None
        if current != answer["kubeconfig"]:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w") as f:
                f.write(answer["kubeconfig"])
    show(answer)
    return answer.get("exit", 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

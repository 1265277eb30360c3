"""MLflow ``python_function`` flavor of a WedSync model version.

Loaded by ``mlflow.pyfunc.load_model("models:/churn@production")``. The version's own artifact (``model.bin``,
beside this code) is a Java model (Tribuo, XGBoost and DL4J members); this flavor does not re-implement it in
Python but sends the rows to the platform that trained it, to
``POST /api/models/<name>/versions/<version>/predictions``, so the scores are exactly the ones the platform
serves. It needs the platform's address and a credential of a user with at least the ml-engineer role, from the
environment (never from the model, which holds no secret):

    WEDSYNC_URL       the platform, default http://localhost:8080
    WEDSYNC_TOKEN     a bearer token (POST /api/tokens), or
    WEDSYNC_USER and WEDSYNC_PASSWORD for HTTP Basic

    import mlflow, pandas as pd
    model = mlflow.pyfunc.load_model("models:/churn@production")
    model.predict(pd.DataFrame([...]))      # a DataFrame with one column, e.g. churn_probability

The answer names the registry id of the version that scored; a platform whose version of that name is another
model (e.g. a database rebuilt since) is refused rather than silently used.
"""
import base64
import json
import math
import os
import urllib.error
import urllib.request

import pandas as pd

CHUNK = 5000


class WedSyncModel:
    def __init__(self, conf):
        self.conf = conf
        self.columns = [c["name"] for c in conf["inputs"]]
        self.output = conf["output"]

    def _headers(self):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        token = os.environ.get("WEDSYNC_TOKEN")
        user, password = os.environ.get("WEDSYNC_USER"), os.environ.get("WEDSYNC_PASSWORD")
        if token:
            headers["Authorization"] = "Bearer " + token
        elif user and password:
            headers["Authorization"] = "Basic " + base64.b64encode((user + ":" + password).encode()).decode()
        else:
            raise RuntimeError("set WEDSYNC_TOKEN (or WEDSYNC_USER and WEDSYNC_PASSWORD) to a WedSync user with the "
                               "ml-engineer role: this model scores through the platform's API")
        return headers

    def _post(self, rows):
        url = os.environ.get("WEDSYNC_URL", "http://localhost:8080").rstrip("/") + self.conf["scoring_path"]
        body = json.dumps({"dataframe_split": {"columns": self.columns, "data": rows}}).encode()
        request = urllib.request.Request(url, data=body, headers=self._headers(), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                answer = json.loads(response.read())
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            try:
                detail = json.loads(detail).get("detail", detail)
            except ValueError:
                pass
            raise RuntimeError("WedSync at %s answered %d: %s" % (url, e.code, str(detail)[:500])) from None
        if answer.get("id") != self.conf["registry_model_id"]:
            raise RuntimeError("WedSync at %s scored with model version %s, not %s (the version this MLflow model "
                               "was logged from): is it the platform that trained it?"
                               % (url, answer.get("id"), self.conf["registry_model_id"]))
        return answer["predictions"]

    @staticmethod
    def _value(v):
        if v is None:
            return None
        if isinstance(v, float) and math.isnan(v):
            return None
        if hasattr(v, "item"):  # numpy scalars
            v = v.item()
            if isinstance(v, float) and math.isnan(v):
                return None
        return v

    def predict(self, model_input, params=None):
        df = model_input if isinstance(model_input, pd.DataFrame) else pd.DataFrame(model_input)
        missing = [c for c in self.columns if c not in df.columns]
        if missing:
            raise ValueError("missing feature columns %s; the model needs %s" % (missing, self.columns))
        values = df[self.columns].astype(object).values.tolist()
        rows = [[self._value(v) for v in row] for row in values]
        scores = []
        for start in range(0, len(rows), CHUNK):
            scores.extend(self._post(rows[start:start + CHUNK]))
        return pd.DataFrame({self.output: [float("nan") if s is None else s for s in scores]}, index=df.index)


def _load_pyfunc(path):
    with open(path) as f:
        return WedSyncModel(json.load(f))

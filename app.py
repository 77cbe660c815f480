"""Start the officer's workspace: ``python app.py`` → http://127.0.0.1:7860 with the sample case loaded.

Settings: JIXIAO_HOST / JIXIAO_PORT (where to listen), JIXIAO_AUTH ("user:pass,user2:pass2", optional login),
JIXIAO_HOME (where sessions are saved), JIXIAO_LLM_* (optional model endpoint). See README.
"""

import os
import sys

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before anything imports gradio

from assistant.ui.server import main

if __name__ == "__main__":
    sys.exit(main())

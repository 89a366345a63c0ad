"""JupyterHub for a class taking the autograd course: the real set-up (hub/README.md).

One Linux machine (Debian 12 / Ubuntu 22.04+ with systemd) serves the whole class:

- who logs in: NativeAuthenticator (students sign up, the instructor authorizes them on
  /hub/authorize), or the university's single sign-on through OAuth2 / OpenID Connect
  (GenericOAuthenticator): HUB_AUTH=native or HUB_AUTH=oauth;
- HTTPS: the hub serves TLS itself with HUB_SSL_CERT / HUB_SSL_KEY (e.g. Let's Encrypt's
  files), or sits behind the university's reverse proxy that terminates TLS
  (HUB_TLS_BY_PROXY=1, the hub then listens on 127.0.0.1 only). It refuses to start
  with neither;
- each student's server: SystemdSpawner, a systemd unit per student, running the
  course's own environment (COURSE_ENV, a virtualenv made from requirements.txt and
  hub/requirements.txt), as a transient Unix user of its own (no accounts to create),
  its home in /var/lib/<student> (kept between logins), with the memory and CPU limits below
  (enforced by the kernel's cgroups, which LocalProcessSpawner cannot do);
- the course: every server opens on the course's nbgitpuller link, so each student's
  home gets the course on their first login and every later login merges the
  instructor's new commits without overwriting what the student changed;
- idle servers are stopped after HUB_IDLE_TIMEOUT seconds (jupyterhub-idle-culler).

Every setting is an environment variable, kept in one file (/etc/jupyterhub/hub.env,
from hub/hub.env.example) that the systemd unit hub/jupyterhub.service reads. The
course's repository address is ONE setting there: COURSE_REPO.
"""

import importlib.util
import os
import shlex
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides it)

HERE = Path(__file__).resolve().parent


def setting(name, default=None, required=False):
    value = os.environ.get(name, "").strip()
    if not value:
        if required:
            sys.exit(
                f"jupyterhub_config.py: set {name} in /etc/jupyterhub/hub.env "
                "(see hub/hub.env.example and hub/README.md)"
            )
        return default
    return value


# ---------------------------------------------------------------- where the hub keeps its state

STATE = Path(setting("HUB_STATE_DIR", "/srv/jupyterhub"))
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# restarting the hub (a new setting, an upgrade) leaves the students' servers running
c.JupyterHub.cleanup_servers = False
# configurable-http-proxy from npm (hub/README.md: `npm install --prefix /opt/jupyterhub-proxy`)
c.ConfigurableHTTPProxy.command = [
    setting("HUB_PROXY", "/opt/jupyterhub-proxy/node_modules/.bin/configurable-http-proxy")
]

# ---------------------------------------------------------------- HTTPS

HOST = setting("HUB_HOST", required=True)  # e.g. autograd.example-university.edu
if setting("HUB_TLS_BY_PROXY") == "1":
    # the university's nginx/Caddy/Apache terminates TLS and forwards to this address
    c.JupyterHub.bind_url = f"http://127.0.0.1:{setting('HUB_PORT', '8000')}"
else:
    c.JupyterHub.bind_url = f"https://:{setting('HUB_PORT', '443')}"
    c.JupyterHub.ssl_cert = setting("HUB_SSL_CERT", required=True)
    c.JupyterHub.ssl_key = setting("HUB_SSL_KEY", required=True)
# JupyterHub marks its cookies `secure` on HTTPS requests (also when a proxy in front says
# X-Forwarded-Proto: https); tell browsers to use nothing but HTTPS for this host
c.JupyterHub.tornado_settings = {"headers": {"Strict-Transport-Security": "max-age=31536000"}}

# ---------------------------------------------------------------- who may log in

INSTRUCTORS = set(shlex.split(setting("HUB_ADMINS", "")))  # usernames, space-separated
c.Authenticator.admin_users = INSTRUCTORS
AUTH = setting("HUB_AUTH", "native")
if AUTH == "native":
    # Students sign up at /hub/signup with a username and a password; nobody gets in until
    # an instructor (HUB_ADMINS, who sign up first) authorizes them at /hub/authorize.
    import nativeauthenticator

    sys.path.insert(0, str(HERE.parent))  # the course's folder, for hub.instructors
    from hub.instructors import CourseAuthenticator, missing_instructors

    # NativeAuthenticator ("native"), except that nobody can sign up under an instructor's
    # name: whoever did so first would become an instructor. `python -m hub.instructors`
    # makes the instructors' accounts on this machine (hub/README.md, "Who logs in").
    c.JupyterHub.authenticator_class = CourseAuthenticator
    _missing = missing_instructors(STATE / "jupyterhub.sqlite", INSTRUCTORS)
    if _missing:
        print(
            "jupyterhub_config.py: no account yet for the instructor(s) "
            + ", ".join(_missing)
            + ": make them with `python -m hub.instructors` (sign-up refuses their names)",
            file=sys.stderr,
        )
    c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = 10
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 300
    c.NativeAuthenticator.ask_email_on_signup = False
    # JupyterHub 5+ admits nobody unless told whom: NativeAuthenticator itself lets in only
    # users an instructor authorized (and checks their password), so it admits "all" of those
    c.NativeAuthenticator.allow_all = True
elif AUTH == "oauth":
    # The university's login (Keycloak, Shibboleth's OIDC, Microsoft Entra ID, Google
    # Workspace, ...): register this hub with the university's identity provider as an
    # OAuth2 / OpenID Connect client whose redirect URI is https://HOST/hub/oauth_callback,
    # and put what they give you in hub.env.
    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.client_id = setting("OAUTH_CLIENT_ID", required=True)
    c.GenericOAuthenticator.client_secret = setting("OAUTH_CLIENT_SECRET", required=True)
    c.GenericOAuthenticator.oauth_callback_url = f"https://{HOST}/hub/oauth_callback"
    c.GenericOAuthenticator.authorize_url = setting("OAUTH_AUTHORIZE_URL", required=True)
    c.GenericOAuthenticator.token_url = setting("OAUTH_TOKEN_URL", required=True)
    c.GenericOAuthenticator.userdata_url = setting("OAUTH_USERDATA_URL", required=True)
    c.GenericOAuthenticator.scope = shlex.split(setting("OAUTH_SCOPE", "openid profile email"))
    c.GenericOAuthenticator.username_claim = setting("OAUTH_USERNAME_CLAIM", "preferred_username")
    c.GenericOAuthenticator.login_service = setting("OAUTH_LOGIN_SERVICE", "university login")
    # who may enter: the class list (a file, one username a line), and/or a group claim
    roster = setting("HUB_ROSTER")
    if roster:
        names = Path(roster).read_text().split()
        c.GenericOAuthenticator.allowed_users = {n for n in names if not n.startswith("#")}
    groups = setting("OAUTH_ALLOWED_GROUPS")
    if groups:
        c.GenericOAuthenticator.manage_groups = True
        c.GenericOAuthenticator.auth_state_groups_key = setting(
            "OAUTH_GROUPS_KEY", "oauth_user.groups"
        )
        c.GenericOAuthenticator.allowed_groups = set(shlex.split(groups))
    if not roster and not groups:
        sys.exit(
            "jupyterhub_config.py: with HUB_AUTH=oauth, set HUB_ROSTER (the class list) "
            "or OAUTH_ALLOWED_GROUPS, or everyone at the university could log in"
        )
else:
    sys.exit(f"jupyterhub_config.py: HUB_AUTH={AUTH!r}: use 'native' or 'oauth'")

# ---------------------------------------------------------------- each student's server

COURSE_ENV = Path(setting("COURSE_ENV", "/opt/autograd-course/.venv"))
c.JupyterHub.spawner_class = "systemdspawner"
c.SystemdSpawner.dynamic_users = True  # a transient user per student: no accounts to manage
c.SystemdSpawner.cmd = [str(COURSE_ENV / "bin" / "jupyterhub-singleuser")]
c.SystemdSpawner.extra_paths = [str(COURSE_ENV / "bin")]
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True
c.SystemdSpawner.disable_user_sudo = True
c.SystemdSpawner.default_shell = "/bin/bash"
c.SystemdSpawner.unit_name_template = "jupyter-{USERNAME}-singleuser"
# each server talks to its kernels over Unix sockets in the student's own runtime folder,
# not TCP ports on 127.0.0.1: no other user on the machine can reach them, and a class
# starting kernels at once cannot race for the same free port (hub/loadtest.py saw that)
c.Spawner.args = ["--KernelManager.transport=ipc"]
# the course's JupyterLab defaults in the environment every server runs (no "official Jupyter
# news?" prompt over the first lesson, no update check), as course.sh puts them in .venv
_overrides = COURSE_ENV / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
_overrides.mkdir(parents=True, exist_ok=True)
shutil.copyfile(
    HERE.parent / "jupyter-config" / "lab-overrides.json", _overrides / "autograd-lesson.json"
)
# a socket's path has at most 107 bytes: keep them in the unit's own private /tmp
# (isolate_tmp), not under a home whose name may be a long e-mail address
c.Spawner.environment = {"JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime", "MPLBACKEND": "agg"}

# Limits per student: server + kernel + what it starts (git, Graphviz's dot). Measured with
# hub/loadtest.py on 2 cores (hub/README.md, "What a class needs"): a student's server and
# kernel take about 0.2 GiB after lesson 09, a lesson 12 kernel more; 1 GiB leaves room
# for a second kernel and for a student's own experiments; beyond it the kernel that
# asks for more is killed, not the machine. One core each at most: a runaway loop slows
# its own student only. A slider move costs 7 to 30 ms of CPU.
c.Spawner.mem_limit = setting("HUB_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(setting("HUB_CPU_LIMIT", "1.0"))
c.Spawner.start_timeout = 120  # a class logging in at once queues on the CPU
c.Spawner.http_timeout = 120
c.JupyterHub.concurrent_spawn_limit = int(setting("HUB_SPAWN_LIMIT", "20"))
c.JupyterHub.active_server_limit = int(setting("HUB_SERVER_LIMIT", "0"))  # 0: no limit

# ---------------------------------------------------------------- the course, with nbgitpuller

# THE one setting for the course's address (a git URL anyone in the class can clone).
COURSE_REPO = setting("COURSE_REPO", required=True)
COURSE_BRANCH = setting("COURSE_BRANCH", "main")
# hub/link.py makes the nbgitpuller link, here and wherever else the course needs it; it is
# loaded by its path, since JupyterHub does not run this file from the course's checkout
_spec = importlib.util.spec_from_file_location("course_link", HERE / "link.py")
course_link = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(course_link)
# Every server opens on nbgitpuller: first login clones the course (into autograd-lesson/ in
# the student's home); later logins merge the instructor's new commits, keeping every file
# the student changed (nbgitpuller's merge: a student's edit wins over the upstream change
# to the same file, a deleted file comes back).
c.Spawner.default_url = course_link.spawner_url(COURSE_REPO, COURSE_BRANCH)

# ---------------------------------------------------------------- stop idle servers

c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(setting('HUB_IDLE_TIMEOUT', '3600'))}",
        ],
    }
]

# ---------------------------------------------------------------- the class view (hub/classview.py)

# Every check a student runs sends its verdict (exercise, mark, the mistake's name; never
# code) to this service, which shows the instructors the whole class live at
# /services/classview/ (hub/README.md, "The class view"). CLASSVIEW=off turns it off for
# the whole class: the servers then get no CLASSVIEW_URL and the checks send nothing.
sys.path.insert(0, str(HERE.parent))  # the course's folder, for hub.classview
from hub import classview  # noqa: E402 (after the path it needs)

CLASSVIEW = setting("CLASSVIEW", "on")
if CLASSVIEW not in ("on", "off"):
    sys.exit(f"jupyterhub_config.py: CLASSVIEW={CLASSVIEW!r}: use 'on' or 'off'")
if CLASSVIEW == "on":
    classview.configure(
        c,
        instructors=INSTRUCTORS,
        port=int(setting("CLASSVIEW_PORT", "10110")),
        db=setting("CLASSVIEW_DB", str(STATE / "classview.sqlite")),
    )

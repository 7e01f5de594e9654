// SPDX-License-Identifier: GPL-2.0
/*
 * fileserver: the non-idempotent server of seed 000 Fig. 10 on libftalias.
 *
 * A member of an alias serving "create NAME" and "delete NAME" on a
 * directory (tmpfs by default, shared by every instance: the active
 * member and its backups).  Neither is idempotent: a create of an
 * existing name fails, a delete of a missing one fails, so a request
 * executed twice gives a wrong answer.  For each request the server
 *
 *   1. blocks its ID: the roll-forward point (PA_blockRequest);
 *   2. applies it with one atomic step (link(2) for create, rename(2) for
 *      delete), after which it cannot be rolled back;
 *   3. records the outcome (PA_setRedProcess): the reply itself for a
 *      create (AUTO_REPLY: the kernel answers a re-send), a small
 *      argument for a delete (HANDLER: a re-send comes back flagged
 *      redundant and the handler recomputes the reply from it);
 *   4. replies (for a create, one call records and replies).
 *
 * A backup that becomes active gets an orphan notice for a request its
 * predecessor blocked but did not resolve.  The directory tells whether
 * the request was applied (the created file holds the creator's ID; a
 * deleted file is renamed to .deleted/<ID>): if so it records the
 * outcome, else it discards the entry and the request is delivered again
 * and executed as new.
 *
 * -k N -K POINT aborts on the Nth request, right after POINT: "block"
 * (before applying: the backup rolls back), "apply" (applied, nothing
 * recorded: the backup finds it applied and records it), "record"
 * (recorded, not replied: for a create the kernel answers the
 * re-delivered request from its auto-reply and the backup sees nothing;
 * a delete comes to the backup flagged redundant, with its handler
 * argument).
 */
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>

#include "example.h"

#define DEFAULT_DIR	"/dev/shm/ftalias-fileserver"
#define NAME_LEN	64

enum point { P_NONE, P_BLOCK, P_APPLY, P_RECORD };

struct server {
	struct pa_sock *ps;
	const char *dir;
	unsigned long served;	/* create/delete requests so far */
	unsigned long die_at;	/* 0: never */
	enum point die_after;
	bool active;
};

enum op { OP_CREATE, OP_DELETE };

struct request {
	enum op op;
	char name[NAME_LEN + 1];
};

static const char *err_name(int err)
{
	static char buf[16];

	switch (err) {
	case EEXIST: return "EEXIST";
	case ENOENT: return "ENOENT";
	case EINVAL: return "EINVAL";
	case EIO: return "EIO";
	}
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

/* "create NAME" or "delete NAME"; NAME of [A-Za-z0-9._-], no leading dot. */
static int parse_request(const char *s, struct request *rq)
{
	const char *name;
	size_t i, n;

	if (!strncmp(s, "create ", 7))
		rq->op = OP_CREATE;
	else if (!strncmp(s, "delete ", 7))
		rq->op = OP_DELETE;
	else
		return -EINVAL;
	name = s + 7;
	n = strlen(name);
	if (!n || n > NAME_LEN || name[0] == '.')
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-", name[i]))
			return -EINVAL;
	memcpy(rq->name, name, n + 1);
	return 0;
}

/* A request ID as a file name. */
static void id_file(const struct ftalias_id *id, char *buf, size_t size)
{
	snprintf(buf, size, "%u-%u-%u-%u-%llu", id->node, id->alias, id->port,
		 id->incarnation, (unsigned long long)id->xid);
}

static void path(const struct server *s, char *buf, const char *sub,
		 const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s%s", s->dir, sub, name);
}

/* The whole (short) content of a file, or -errno. */
static int read_small(const char *p, char *buf, size_t size)
{
	int fd = open(p, O_RDONLY | O_CLOEXEC), err;
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	buf[n] = 0;
	return 0;
}

static void die_if(struct server *s, enum point p, const char *what)
{
	if (s->die_after == p && s->served == s->die_at) {
		ex_trace("aborting after %s (request %lu), as asked", what,
			 s->served);
		fflush(stdout);
		abort();
	}
}

/* ---- create: AUTO_REPLY ---------------------------------------------------- */

static void create_reply(const char *name, int err, char *rep, size_t size)
{
	if (err)
		snprintf(rep, size, "error %s %s", err_name(err), name);
	else
		snprintf(rep, size, "ok created %s", name);
}

/*
 * Creates NAME holding the request's ID, atomically: the ID goes to a
 * temporary file first, then link(2) gives it the name or fails.  Returns
 * 0 or the positive errno of the failure.
 */
static int do_create(struct server *s, const struct ftalias_id *id,
		     const char *name)
{
	char tmp[PATH_MAX], dst[PATH_MAX], idf[64];
	int fd, err = 0;

	id_file(id, idf, sizeof(idf));
	path(s, tmp, ".tmp/", idf);
	path(s, dst, "", name);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	if (write(fd, idf, strlen(idf)) != (ssize_t)strlen(idf))
		err = errno ? errno : EIO;
	close(fd);
	if (!err && link(tmp, dst))
		err = errno;
	unlink(tmp);
	return err;
}

/* Whether this request created NAME: the file holds its ID. */
static bool create_applied(struct server *s, const struct ftalias_id *id,
			   const char *name)
{
	char p[PATH_MAX], idf[64], content[64];

	id_file(id, idf, sizeof(idf));
	path(s, p, ".tmp/", idf);
	unlink(p);	/* left by a predecessor that died before link() */
	path(s, p, "", name);
	return !read_small(p, content, sizeof(content)) && !strcmp(content, idf);
}

/* ---- delete: HANDLER ------------------------------------------------------- */

/*
 * The handler argument of a delete: "ERR NAME CREATOR", enough to rebuild
 * the reply.  The reply is computed from it both the first time and by
 * the handler, so a re-sent delete gets the same answer.
 */
static void delete_arg(const char *name, int err, const char *creator,
		       char *arg, size_t size)
{
	snprintf(arg, size, "%d %s %s", err, name, creator);
}

static int delete_reply(const char *arg, size_t len, char *rep, size_t size)
{
	char buf[256], name[NAME_LEN + 1], creator[64];
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, arg, len);
	buf[len] = 0;
	if (sscanf(buf, "%d %64s %63s", &err, name, creator) != 3)
		return -EINVAL;
	if (err)
		snprintf(rep, size, "error %s %s", err_name(err), name);
	else
		snprintf(rep, size, "ok deleted %s (created by %s)", name,
			 creator);
	return 0;
}

/*
 * Deletes NAME by renaming it to .deleted/<request ID>: the tombstone
 * says the request was applied, and keeps the creator's ID.
 */
static int do_delete(struct server *s, const struct ftalias_id *id,
		     const char *name, char *creator, size_t size)
{
	char src[PATH_MAX], dst[PATH_MAX], idf[64];

	id_file(id, idf, sizeof(idf));
	path(s, src, "", name);
	path(s, dst, ".deleted/", idf);
	if (read_small(src, creator, size))
		snprintf(creator, size, "-");
	return rename(src, dst) ? errno : 0;
}

static bool delete_applied(struct server *s, const struct ftalias_id *id,
			   char *creator, size_t size)
{
	char p[PATH_MAX], idf[64];

	id_file(id, idf, sizeof(idf));
	path(s, p, ".deleted/", idf);
	return !read_small(p, creator, size);
}

/* ---- the main loop (Fig. 10) ---------------------------------------------- */

static void reply(struct server *s, const struct ftalias_id *id,
		  const char *rep, unsigned int flags)
{
	int err = ftalias_pa_reply(s->ps, id, rep, strlen(rep), flags);

	if (err)	/* -ENOENT: the client went away; nothing to do */
		ex_trace("  reply failed: %s", strerror(-err));
}

static void serve(struct server *s, const struct pa_msg *m, const char *req)
{
	char ids[PA_ID_STRLEN], rep[256], arg[256], creator[64];
	struct request rq;
	int err;

	ftalias_pa_id_str(&m->id, ids, sizeof(ids));
	if (parse_request(req, &rq)) {
		/* nothing done: safe to answer again, no record */
		ex_trace("request %s '%s': bad request", ids, req);
		reply(s, &m->id, "error EINVAL bad request", 0);
		return;
	}
	s->served++;
	ex_trace("request %s '%s'%s", ids, req,
		 m->flags & FTALIAS_F_REDELIVERED ? " (redelivered)" : "");

	/* 1. roll-forward point */
	err = ftalias_pa_block_request(s->ps, &m->id);
	if (err) {
		ex_trace("  block failed: %s", strerror(-err));
		reply(s, &m->id, "error EIO block failed", 0);
		return;
	}
	die_if(s, P_BLOCK, "the roll-forward point");

	/* 2. apply, 3. record, 4. reply */
	if (rq.op == OP_CREATE) {
		err = do_create(s, &m->id, rq.name);
		die_if(s, P_APPLY, "applying");
		create_reply(rq.name, err, rep, sizeof(rep));
		if (s->die_after == P_RECORD && s->served == s->die_at) {
			ftalias_pa_set_red_process(s->ps, &m->id,
						   FTALIAS_RECORD_AUTO_REPLY,
						   rep, strlen(rep));
			die_if(s, P_RECORD, "recording the auto-reply");
		}
		ex_trace("  -> '%s' (recorded as auto-reply)", rep);
		reply(s, &m->id, rep, PA_REPLY_RECORD);
	} else {
		err = do_delete(s, &m->id, rq.name, creator, sizeof(creator));
		die_if(s, P_APPLY, "applying");
		delete_arg(rq.name, err, creator, arg, sizeof(arg));
		delete_reply(arg, strlen(arg), rep, sizeof(rep));
		err = ftalias_pa_set_red_process(s->ps, &m->id,
						 FTALIAS_RECORD_HANDLER, arg,
						 strlen(arg));
		if (err)
			ex_trace("  record failed: %s", strerror(-err));
		die_if(s, P_RECORD, "recording the handler argument");
		ex_trace("  -> '%s' (handler argument '%s' recorded)", rep,
			 arg);
		reply(s, &m->id, rep, 0);
	}
}

/* A re-sent delete that was executed before: recompute its reply. */
static void redundant(struct server *s, const struct pa_msg *m)
{
	char ids[PA_ID_STRLEN], rep[256];

	ftalias_pa_id_str(&m->id, ids, sizeof(ids));
	if (delete_reply(m->arg, m->arg_len, rep, sizeof(rep)))
		snprintf(rep, sizeof(rep), "error EIO bad handler argument");
	ex_trace("redundant %s: handler -> '%s'", ids, rep);
	reply(s, &m->id, rep, 0);
}

/* A request the previous active member blocked and did not resolve. */
static void orphan(struct server *s, const struct pa_msg *m, const char *req)
{
	char ids[PA_ID_STRLEN], rep[256], arg[256], creator[64];
	struct request rq;
	int err;

	ftalias_pa_id_str(&m->id, ids, sizeof(ids));
	if (m->trunc & PA_TRUNC_DATA || parse_request(req, &rq)) {
		ex_trace("orphan %s: unreadable, discarded", ids);
		ftalias_pa_discard(s->ps, &m->id);
		return;
	}
	if (rq.op == OP_CREATE && create_applied(s, &m->id, rq.name)) {
		create_reply(rq.name, 0, rep, sizeof(rep));
		ex_trace("orphan %s '%s': applied, reply recorded -> '%s'", ids,
			 req, rep);
		reply(s, &m->id, rep, PA_REPLY_RECORD);
		return;
	}
	if (rq.op == OP_DELETE &&
	    delete_applied(s, &m->id, creator, sizeof(creator))) {
		/* the held re-send comes back as redundant: the handler */
		delete_arg(rq.name, 0, creator, arg, sizeof(arg));
		ex_trace("orphan %s '%s': applied, handler argument '%s' recorded",
			 ids, req, arg);
		err = ftalias_pa_set_red_process(s->ps, &m->id,
						 FTALIAS_RECORD_HANDLER, arg,
						 strlen(arg));
		if (err)
			ex_trace("  record failed: %s", strerror(-err));
		return;
	}
	ex_trace("orphan %s '%s': not applied, discarded (executed again)", ids,
		 req);
	err = ftalias_pa_discard(s->ps, &m->id);
	if (err)
		ex_trace("  discard failed: %s", strerror(-err));
}

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: %s [-d DIR] [-p PRIORITY] [-k N [-K block|apply|record]] ALIAS\n"
		"  ALIAS   NAME or id ID (ftaliasctl alias add NAME)\n"
		"  -d DIR  the files (default " DEFAULT_DIR "), shared by all instances\n"
		"  -p N    member priority (higher becomes active first)\n"
		"  -k N    abort() on the Nth create/delete request...\n"
		"  -K P    ...right after P: block, apply (default) or record\n",
		ex_prog);
	exit(status);
}

static void make_dirs(const char *dir)
{
	char p[PATH_MAX];

	if (mkdir(dir, 0755) && errno != EEXIST)
		ex_die("%s: %s", dir, strerror(errno));
	snprintf(p, sizeof(p), "%s/.tmp", dir);
	if (mkdir(p, 0755) && errno != EEXIST)
		ex_die("%s: %s", p, strerror(errno));
	snprintf(p, sizeof(p), "%s/.deleted", dir);
	if (mkdir(p, 0755) && errno != EEXIST)
		ex_die("%s: %s", p, strerror(errno));
}

int main(int argc, char **argv)
{
	struct server s = { .dir = DEFAULT_DIR, .die_after = P_APPLY };
	struct pa_member_opts mo = { 0 };
	static char buf[FTALIAS_MSG_MAX + 1];
	uint32_t alias, port;
	struct pa_msg m;
	int c, i, err;

	ex_init(argv[0]);
	while ((c = getopt(argc, argv, "d:p:k:K:h")) != -1) {
		switch (c) {
		case 'd':
			s.dir = optarg;
			break;
		case 'p':
			mo.priority = ex_number(optarg, "priority");
			break;
		case 'k':
			s.die_at = ex_number(optarg, "request number");
			break;
		case 'K':
			if (!strcmp(optarg, "block"))
				s.die_after = P_BLOCK;
			else if (!strcmp(optarg, "apply"))
				s.die_after = P_APPLY;
			else if (!strcmp(optarg, "record"))
				s.die_after = P_RECORD;
			else
				usage(2);
			break;
		case 'h':
			usage(0);
		default:
			usage(2);
		}
	}
	if (!s.die_at)
		s.die_after = P_NONE;
	i = optind;
	alias = ex_alias_arg(argc, argv, &i);
	if (i != argc)
		usage(2);
	make_dirs(s.dir);

	err = ftalias_pa_open_member(&s.ps, alias, &mo);
	if (err)
		ex_die("joining alias %u: %s", alias, strerror(-err));
	ftalias_pa_port(s.ps, &port, NULL);
	s.active = ftalias_pa_active(s.ps) == 1;
	ex_trace("member of alias %u, port %u, %s, files in %s", alias, port,
		 s.active ? "active" : "backup (waiting)", s.dir);

	for (;;) {
		err = ftalias_pa_receive(s.ps, &m, buf, sizeof(buf) - 1, -1);
		if (err == -EINTR)
			continue;
		if (err)
			ex_die("receive: %s", strerror(-err));
		if (!s.active) {
			s.active = true;
			ex_trace("active now");
		}
		ex_str(buf, m.len, sizeof(buf));
		switch (m.kind) {
		case PA_MSG_REQUEST:
			serve(&s, &m, buf);
			break;
		case PA_MSG_REDUNDANT:
			redundant(&s, &m);
			break;
		case PA_MSG_ORPHAN:
			orphan(&s, &m, buf);
			break;
		default:
			ex_trace("ignored a message of kind %d", m.kind);
		}
	}
}

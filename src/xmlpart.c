/*
 * xmlpart.c - one XML part of a zip archive, parsed by expat as it is
 * inflated; see xmlpart.h.  The one file that includes <expat.h>.
 *
 * Names are matched by their local part, whatever prefix the file gave
 * them ("x:row" is "row"): expat is not asked to resolve namespaces,
 * which would cost a copy of the namespace's URI for every element, and
 * a workbook's element names do not clash across its namespaces.  Pausing is expat's suspension: XML_StopParser()
 * with resumable set returns from XML_Parse() after the event being
 * handled, and XML_ResumeParser() goes on in the same buffer, which is
 * why the buffer is read into again only once expat is done with it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "xmlpart.h"

#define XMLPART_CHUNK ((size_t)64 * 1024)

enum state { STATE_PARSING = 0, STATE_DONE, STATE_FAILED };

struct xmlpart {
	XML_Parser p;
	struct zippart *part;
	char *name; /* the part's, for messages */
	const char *archive; /* borrowed: the archive's, for messages */
	const struct xmlpart_handlers *h;
	void *ud;
	char *buf;
	int suspended; /* XML_Parse() returned XML_STATUS_SUSPENDED */
	int final; /* the last buffer given was the part's end */
	int handler_failed; /* xmlpart_fail() was called */
	enum state state;
	struct error err;
};

/* The local part of a name: what follows its prefix, if any. */
static const char *
local_name(const XML_Char *name)
{
	const char *colon = strchr(name, ':');

	return colon != NULL ? colon + 1 : name;
}

/* Nonzero for a namespace declaration, xmlns or xmlns:P, no attribute. */
static int
declaration(const char *name)
{
	return strncmp(name, "xmlns", 5) == 0 &&
	    (name[5] == '\0' || name[5] == ':');
}

static void XMLCALL
on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
	struct xmlpart *x = data;

	if (!x->handler_failed && x->h->start != NULL)
		x->h->start(x, x->ud, local_name(name), attrs);
}

static void XMLCALL
on_end(void *data, const XML_Char *name)
{
	struct xmlpart *x = data;

	if (!x->handler_failed && x->h->end != NULL)
		x->h->end(x, x->ud, local_name(name));
}

static void XMLCALL
on_text(void *data, const XML_Char *s, int len)
{
	struct xmlpart *x = data;

	if (!x->handler_failed && x->h->text != NULL && len > 0)
		x->h->text(x, x->ud, s, (size_t)len);
}

static void XMLCALL
on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	xmlpart_fail(data,
	    "document type declaration refused (workbook XML "
	    "has none, and its entities could expand without "
	    "end)");
}

static void XMLCALL
on_entity(void *data, const XML_Char *name, int is_param, const XML_Char *value,
    int value_len, const XML_Char *base, const XML_Char *sysid,
    const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	xmlpart_fail(data, "entity declaration refused");
}

struct xmlpart *
xmlpart_open(struct zipfile *z, const char *part,
    const struct xmlpart_handlers *h, void *ud, struct error *err)
{
	struct xmlpart *x = calloc(1, sizeof(*x));

	if (x == NULL) {
		(void)error_set(err, zipfile_name(z), 0, "out of memory");
		return NULL;
	}
	x->h = h;
	x->ud = ud;
	x->archive = zipfile_name(z);
	x->part = zippart_open(z, part, err);
	if (x->part == NULL) {
		free(x);
		return NULL;
	}
	x->name = strdup(part);
	x->buf = malloc(XMLPART_CHUNK);
	x->p = XML_ParserCreate(NULL);
	if (x->name == NULL || x->buf == NULL || x->p == NULL) {
		xmlpart_free(x);
		(void)error_set(err, zipfile_name(z), 0, "out of memory");
		return NULL;
	}
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	(void)XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	return x;
}

/* Notes that the parse failed; err is x->err from now on. */
static enum xmlpart_status
failed(struct xmlpart *x, struct error *err)
{
	x->state = STATE_FAILED;
	if (err != NULL)
		*err = x->err;
	return XMLPART_FAILED;
}

enum xmlpart_status
xmlpart_run(struct xmlpart *x, struct error *err)
{
	enum XML_Status st;
	ssize_t got;

	if (x->state == STATE_FAILED)
		return failed(x, err);
	if (x->state == STATE_DONE)
		return XMLPART_DONE;
	for (;;) {
		if (x->suspended) {
			x->suspended = 0;
			st = XML_ResumeParser(x->p);
		} else {
			got = zippart_read(
			    x->part, x->buf, XMLPART_CHUNK, &x->err);
			if (got < 0)
				return failed(x, err);
			x->final = got == 0;
			st = XML_Parse(x->p, x->buf, (int)got, x->final);
		}
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = 1;
			return XMLPART_PAUSED;
		}
		if (st == XML_STATUS_ERROR) {
			if (!x->handler_failed)
				(void)error_set(&x->err, x->archive, 0,
				    "%s:%lu:%lu: %s", x->name,
				    (unsigned long)XML_GetCurrentLineNumber(
				        x->p),
				    (unsigned long)XML_GetCurrentColumnNumber(
				        x->p) +
				        1,
				    XML_ErrorString(XML_GetErrorCode(x->p)));
			return failed(x, err);
		}
		if (x->final) {
			x->state = STATE_DONE;
			return XMLPART_DONE;
		}
	}
}

void
xmlpart_pause(struct xmlpart *x)
{
	(void)XML_StopParser(x->p, XML_TRUE);
}

void
xmlpart_fail(struct xmlpart *x, const char *fmt, ...)
{
	char msg[ERROR_MSG_MAX];
	va_list ap;

	if (x->handler_failed)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)error_set(&x->err, x->archive, 0, "%s:%lu:%lu: %s", x->name,
	    (unsigned long)XML_GetCurrentLineNumber(x->p),
	    (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1, msg);
	x->handler_failed = 1;
	(void)XML_StopParser(x->p, XML_FALSE);
}

unsigned long
xmlpart_line(const struct xmlpart *x)
{
	return (unsigned long)XML_GetCurrentLineNumber(x->p);
}

unsigned long long
xmlpart_offset(const struct xmlpart *x)
{
	XML_Index at = XML_GetCurrentByteIndex(x->p);

	return at > 0 ? (unsigned long long)at : 0;
}

const char *
xmlpart_attr(const char **attrs, const char *local)
{
	size_t i;

	for (i = 0; attrs[i] != NULL; i += 2)
		if (strcmp(local_name(attrs[i]), local) == 0 &&
		    !declaration(attrs[i]))
			return attrs[i + 1];
	return NULL;
}

void
xmlpart_attrs(const char **attrs, const char *const *locals,
    const char **values, size_t n)
{
	const char *local;
	size_t i, k;

	for (k = 0; k < n; k++)
		values[k] = NULL;
	for (i = 0; attrs[i] != NULL; i += 2) {
		if (declaration(attrs[i]))
			continue;
		local = local_name(attrs[i]);
		for (k = 0; k < n; k++)
			if (values[k] == NULL &&
			    strcmp(local, locals[k]) == 0) {
				values[k] = attrs[i + 1];
				break;
			}
	}
}

void
xmlpart_free(struct xmlpart *x)
{
	if (x == NULL)
		return;
	if (x->p != NULL)
		XML_ParserFree(x->p);
	zippart_close(x->part);
	free(x->buf);
	free(x->name);
	free(x);
}

int
xmlpart_parse(struct zipfile *z, const char *part,
    const struct xmlpart_handlers *h, void *ud, struct error *err)
{
	struct xmlpart *x = xmlpart_open(z, part, h, ud, err);
	enum xmlpart_status st;

	if (x == NULL)
		return -1;
	do
		st = xmlpart_run(x, err);
	while (st == XMLPART_PAUSED);
	xmlpart_free(x);
	return st == XMLPART_DONE ? 0 : -1;
}

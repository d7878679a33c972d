import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pagePath, renderNotFound, renderPage, STYLE_CSP_HASH, type PageView } from './pages.js';
import { type LandingForm, SandboxWebFlowService } from './web-flow.service.js';

type Form = Record<string, unknown> | undefined;

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': `default-src 'none'; style-src ${STYLE_CSP_HASH}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'referrer-policy': 'no-referrer',
};

/** The customer's page at the identification url: plain HTML forms posting back, no script. */
@ApiExcludeController()
@Controller('sandbox/idnow/go/:companyId/identifications/:txn')
export class SandboxWebFlowController {
  constructor(private readonly flow: SandboxWebFlowService) {}

  @Get()
  async page(@Param('companyId') companyId: string, @Param('txn') txn: string, @Res() reply: FastifyReply) {
    const row = await this.flow.find(companyId, txn);
    return row ? html(reply, 200, renderPage(row)) : html(reply, 404, renderNotFound());
  }

  @Post('start')
  async start(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Body() form: Form,
    @Res() reply: FastifyReply,
  ) {
    const fields: LandingForm = form ?? {};
    const issues = await this.flow.startCall(companyId, txn, fields);
    if (!issues) return html(reply, 404, renderNotFound());
    if (!issues.length) return seeOther(reply, companyId, txn);
    const view: PageView = {
      kind: 'landing',
      issues,
      mobile: typeof fields.mobile === 'string' ? fields.mobile.slice(0, 40) : '',
      terms: Boolean(fields.terms),
      document: Boolean(fields.document),
    };
    return this.rerender(reply, companyId, txn, view);
  }

  @Post('continue')
  async continue(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Res() reply: FastifyReply,
  ) {
    const found = await this.flow.continueCall(companyId, txn);
    return found ? seeOther(reply, companyId, txn) : html(reply, 404, renderNotFound());
  }

  @Post('code')
  async code(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Body() form: Form,
    @Res() reply: FastifyReply,
  ) {
    const check = await this.flow.enterCode(companyId, txn, form?.code);
    if (!check) return html(reply, 404, renderNotFound());
    if (check.ok || check.remaining === 0) return seeOther(reply, companyId, txn);
    return this.rerender(reply, companyId, txn, { kind: 'ident_code', remaining: check.remaining });
  }

  /** A form with errors is shown again in place (400), with what the customer entered. */
  private async rerender(reply: FastifyReply, companyId: string, txn: string, view: PageView) {
    const row = await this.flow.find(companyId, txn);
    return row ? html(reply, 400, renderPage(row, view)) : html(reply, 404, renderNotFound());
  }
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).headers(HTML_HEADERS).send(body);
}

/** Post/redirect/get: the page then shows wherever the attempt now is. */
function seeOther(reply: FastifyReply, companyId: string, txn: string) {
  return reply
    .status(303)
    .headers({ location: pagePath(companyId, txn), 'cache-control': 'no-store' })
    .send();
}

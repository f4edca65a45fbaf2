//! API errors as `application/problem+json` responses.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use momentpay::{FieldError, Problem};

/// An error answered to an API call.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The problem document (its `status` is the HTTP status).
    pub problem: Box<Problem>,
    /// Seconds for `Retry-After`, if any.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// A problem with a code from DECISIONS.md.
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> ApiError {
        ApiError {
            problem: Box::new(Problem::new(status, code, title, detail)),
            retry_after: None,
        }
    }

    /// 400/422 naming the field.
    pub fn validation(
        status: u16,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> ApiError {
        let field = field.into();
        let message = message.into();
        let mut error = ApiError::new(
            status,
            "validation-error",
            "The request is not valid",
            format!("`{field}`: {message}"),
        );
        error.problem.errors.push(FieldError { field, message });
        error
    }

    /// From a core validation error (same rules as the SDK).
    pub fn from_core(error: momentpay::Error) -> ApiError {
        let field = error.field().unwrap_or("body").to_owned();
        let message = error
            .message()
            .split_once(": ")
            .map(|(_, m)| m.to_owned())
            .unwrap_or_else(|| error.message().to_owned());
        ApiError::validation(422, field, message)
    }

    /// 404 for a missing object.
    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError::new(
            404,
            "not-found",
            "The requested resource was not found",
            format!("No {what} with id `{id}` exists"),
        )
    }

    /// 409 with a detail.
    pub fn conflict(detail: impl Into<String>) -> ApiError {
        ApiError::new(
            409,
            "conflict",
            "The request conflicts with the resource's state",
            detail,
        )
    }

    /// Sets `instance`.
    pub fn at(mut self, path: &str) -> ApiError {
        self.problem.instance = Some(path.to_owned());
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.problem.status.unwrap_or(500))
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// Result of an API handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let problem = &self.problem;
        write!(f, "{}", problem.status.unwrap_or(500))?;
        if let Some(title) = &problem.title {
            write!(f, " {title}")?;
        }
        if let Some(detail) = &problem.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
